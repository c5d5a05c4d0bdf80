// A paginated list held in the component (not the URL), for lists inside tabs
// and cards where several lists share one page.
import { reactive, ref, shallowRef } from 'vue'
import type { Page } from '@/api/client'
import { ApiError, toApiError } from '@/api/errors'
import { type FetchResult, unwrap } from '@/api/result'

export function usePagedCall<T>(
  fetchPage: (query: { page: number; page_size: number }) => Promise<FetchResult<Page<T>>>,
  pageSize = 20,
) {
  const items = shallowRef<T[]>([])
  const count = ref(0)
  const page = ref(1)
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)
  let latest = 0

  async function load(to = page.value) {
    const id = ++latest
    loading.value = true
    error.value = null
    try {
      const data = await unwrap(fetchPage({ page: to, page_size: pageSize }))
      if (id !== latest) return
      items.value = data.results
      count.value = data.count
      page.value = to
    } catch (e) {
      if (id !== latest) return
      const failure = toApiError(e)
      if (failure.status === 404 && to > 1) return load(1) // past the end after rows went away
      items.value = []
      count.value = 0
      error.value = failure
    } finally {
      if (id === latest) loading.value = false
    }
  }

  return reactive({ items, count, page, pageSize, loading, error, load, reload: () => load(page.value) })
}
