// A paginated, filtered list whose state lives in the URL query, so that reload,
// back/forward and shared links show the same page:
//
//   const list = useList(
//     (query, signal) => api.GET('/api/startups', { params: { query }, signal }),
//     { filters: { q: '', stage: '', industry: [] as string[] } },
//   )
//   <FilterBar :fields="fields" :model-value="list.filters" @apply="list.apply" @reset="list.reset" />
//   <PagedList :list="list" v-slot="{ items }"> … </PagedList>
//
// The URL is the one source of truth: apply/setPage/… only push a new query,
// and a watcher on the query loads. Defaults (page 1, the default page size,
// empty filters) are left out of the URL. Keys the list does not own stay as
// they are. Filters whose empty value is [] take repeated keys (?industry=1&industry=2).
import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { type LocationQuery, type LocationQueryRaw, useRoute, useRouter } from 'vue-router'
import type { Page } from '@/api/client'
import { ApiError, toApiError } from '@/api/errors'
import { type FetchResult, isAbort, unwrap } from '@/api/result'

export type FilterValue = string | string[]
export type Filters = Record<string, FilterValue>

export interface ListParams {
  page: number
  page_size: number
}

export type ListFetcher<T, F extends Filters> = (
  query: ListParams & Partial<F>,
  signal: AbortSignal,
) => Promise<FetchResult<Page<T>>>

export interface UseListOptions<F extends Filters> {
  /** The filters with their default values ('' or [] for "no filter"); their keys are the query keys. */
  filters?: F
  pageSize?: number
  pageSizes?: number[]
}

export interface ListState<T, F extends Filters = Filters> {
  readonly items: T[]
  readonly count: number
  readonly loading: boolean
  readonly error: ApiError | null
  readonly page: number
  readonly pageSize: number
  readonly pageSizes: number[]
  /** The filters in force (from the URL); a fresh object, safe to edit as a draft. */
  readonly filters: F
  apply(filters: Partial<F>): Promise<unknown>
  setPage(page: number): Promise<unknown>
  setPageSize(size: number): Promise<unknown>
  reset(): Promise<unknown>
  reload(): Promise<void>
}

function first(value: LocationQuery[string] | undefined): string | null {
  if (Array.isArray(value)) return value[0] ?? null
  return value ?? null
}

function positiveInt(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value)) return null
  const n = Number(value)
  return n >= 1 ? n : null
}

function isEmpty(value: FilterValue): boolean {
  return Array.isArray(value) ? value.length === 0 : value === ''
}

function sameValue(a: FilterValue, b: FilterValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

export function useList<T, F extends Filters = Record<never, never>>(
  fetchPage: ListFetcher<T, F>,
  options: UseListOptions<F> = {},
): ListState<T, F> {
  const route = useRoute()
  const router = useRouter()
  const defaults = (options.filters ?? {}) as F
  const defaultSize = options.pageSize ?? 20
  const pageSizes = [...new Set([...(options.pageSizes ?? [10, 20, 50, 100]), defaultSize])].sort((a, b) => a - b)
  const ownKeys = new Set(['page', 'page_size', ...Object.keys(defaults)])
  // The list belongs to the page that created it; while the router leaves that
  // page the query of the next one must not trigger a load here.
  const ownPath = route.path

  function parse(query: LocationQuery) {
    const filters = {} as Filters
    for (const [key, fallback] of Object.entries(defaults)) {
      const raw = query[key]
      if (raw === undefined) filters[key] = Array.isArray(fallback) ? [...fallback] : fallback
      else if (Array.isArray(fallback)) {
        filters[key] = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => v !== null)
      } else filters[key] = first(raw) ?? ''
    }
    const size = positiveInt(first(query.page_size))
    return {
      page: positiveInt(first(query.page)) ?? 1,
      pageSize: size !== null && pageSizes.includes(size) ? size : defaultSize,
      filters: filters as F,
    }
  }

  function build(filters: F, page: number, pageSize: number): LocationQueryRaw {
    const query: LocationQueryRaw = {}
    for (const [key, value] of Object.entries(route.query)) if (!ownKeys.has(key)) query[key] = value
    for (const [key, fallback] of Object.entries(defaults)) {
      const value = filters[key] ?? fallback
      if (!sameValue(value, fallback)) query[key] = value
    }
    if (page !== 1) query.page = String(page)
    if (pageSize !== defaultSize) query.page_size = String(pageSize)
    return query
  }

  const current = computed(() => parse(route.query))
  const items = shallowRef<T[]>([])
  const count = ref(0)
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)
  let controller: AbortController | null = null

  async function load() {
    controller?.abort()
    const mine = (controller = new AbortController())
    const { page, pageSize, filters } = current.value
    const query: Record<string, unknown> = { page, page_size: pageSize }
    for (const [key, value] of Object.entries(filters)) if (!isEmpty(value)) query[key] = value
    loading.value = true
    error.value = null
    try {
      const data = await unwrap(fetchPage(query as ListParams & Partial<F>, mine.signal))
      if (mine !== controller) return
      items.value = data.results
      count.value = data.count
    } catch (e) {
      if (mine !== controller || isAbort(e)) return
      const failure = toApiError(e)
      if (failure.status === 404 && page > 1) {
        // DRF answers 404 past the last page (rows went away, a stale link): go to page 1.
        await router.replace({ query: build(filters, 1, pageSize) })
        return
      }
      items.value = []
      count.value = 0
      error.value = failure
    } finally {
      if (mine === controller) loading.value = false
    }
  }

  function navigate(filters: F, page: number, pageSize: number) {
    const target = router.resolve({ path: route.path, query: build(filters, page, pageSize), hash: route.hash })
    // Same URL (e.g. "search" pressed again): the router would not navigate, so load here.
    if (target.fullPath === route.fullPath) return load()
    return router.push(target)
  }

  // Load whenever the part of the query this list owns changes (and once now).
  watch(
    () => (route.path === ownPath ? JSON.stringify(current.value) : null),
    (key) => {
      if (key !== null) void load()
    },
    { immediate: true },
  )

  const state = reactive({
    items,
    count,
    loading,
    error,
    page: computed(() => current.value.page),
    pageSize: computed(() => current.value.pageSize),
    pageSizes,
    filters: computed(() => current.value.filters),
    apply: (filters: Partial<F>) => navigate({ ...current.value.filters, ...filters }, 1, current.value.pageSize),
    setPage: (page: number) => navigate(current.value.filters, page, current.value.pageSize),
    setPageSize: (size: number) => navigate(current.value.filters, 1, size),
    reset: () => navigate(defaults, 1, defaultSize),
    reload: load,
  })
  return state as unknown as ListState<T, F>
}
