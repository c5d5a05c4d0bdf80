// State around one API call: `data`, `error` (an ApiError), `loading`.
//   const org = useApi((id: number) => api.GET('/api/organisations/{id}', { params: { path: { id } } }))
//   await org.run(5)
// A newer run supersedes an older one still in flight: only the last answer lands.
import { ref, shallowRef } from 'vue'
import { ApiError, toApiError } from '@/api/errors'
import { type FetchResult, isAbort, unwrap } from '@/api/result'

export function useApi<Args extends unknown[], T>(call: (...args: Args) => Promise<FetchResult<T>>) {
  const data = shallowRef<T | undefined>(undefined)
  const error = shallowRef<ApiError | null>(null)
  const loading = ref(false)
  let latest = 0

  /** Run the call; resolves to the data, or undefined when it failed (see `error`). */
  async function run(...args: Args): Promise<T | undefined> {
    const id = ++latest
    loading.value = true
    error.value = null
    try {
      const value = await unwrap(call(...args))
      if (id === latest) data.value = value
      return value
    } catch (e) {
      if (isAbort(e)) return undefined
      if (id === latest) error.value = toApiError(e)
      return undefined
    } finally {
      if (id === latest) loading.value = false
    }
  }

  return { data, error, loading, run }
}
