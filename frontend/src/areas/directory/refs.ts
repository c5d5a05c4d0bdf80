// The region and industry trees, loaded once per visit (both are small and
// unpaginated) and shared by every directory page: tree options for filters and
// forms, and names for the ids the API sends.
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { api, type Schemas } from '@/api/client'
import { ApiError, toApiError } from '@/api/errors'
import { unwrap } from '@/api/result'
import type { FilterOption } from '@/components/list/FilterBar.vue'

export type Region = Schemas['Region']
export type Industry = Schemas['Industry']
type TreeRow = Pick<Region, 'id' | 'name' | 'name_en' | 'parent'>

/** Rows ordered by tree path → nested options (values are ids as strings, as in URLs). */
export function buildTree(rows: readonly TreeRow[], label: (row: TreeRow) => string): FilterOption[] {
  const byId = new Map<number, FilterOption>()
  const roots: FilterOption[] = []
  for (const row of rows) byId.set(row.id, { value: String(row.id), label: label(row) })
  for (const row of rows) {
    const option = byId.get(row.id)!
    const parent = row.parent === null || row.parent === undefined ? undefined : byId.get(row.parent)
    if (parent) (parent.children ??= []).push(option)
    else roots.push(option)
  }
  return roots
}

export const useDirectoryRefs = defineStore('directory-refs', () => {
  const regions = shallowRef<Region[]>([])
  const industries = shallowRef<Industry[]>([])
  const error = shallowRef<ApiError | null>(null)
  let loading: Promise<void> | null = null

  /** Load both trees unless loaded (or loading); a failure may be retried. */
  function ensure(): Promise<void> {
    loading ??= (async () => {
      try {
        const [r, i] = await Promise.all([unwrap(api.GET('/api/regions')), unwrap(api.GET('/api/industries'))])
        regions.value = r
        industries.value = i
        error.value = null
      } catch (e) {
        error.value = toApiError(e)
        loading = null
      }
    })()
    return loading
  }

  const regionById = computed(() => new Map(regions.value.map((r) => [r.id, r])))
  const industryById = computed(() => new Map(industries.value.map((i) => [i.id, i])))

  return { regions, industries, error, ensure, regionById, industryById }
})

/** The trees in the interface language (English names where the data has them). */
export function useTrees() {
  const refs = useDirectoryRefs()
  const { locale } = useI18n()
  void refs.ensure()

  const label = (row: TreeRow) => (locale.value === 'en' && row.name_en ? row.name_en : row.name)
  const regionTree = computed(() => buildTree(refs.regions, label))
  const industryTree = computed(() => buildTree(refs.industries, label))

  function regionName(id: number | null | undefined): string {
    const row = id === null || id === undefined ? undefined : refs.regionById.get(id)
    return row ? label(row) : ''
  }
  function industryName(id: number): string {
    const row = refs.industryById.get(id)
    return row ? label(row) : String(id)
  }
  /** A region with its ancestors: "吉林省 / 长春市 / 朝阳区". */
  function regionPath(id: number | null | undefined): string {
    const names: string[] = []
    let row = id === null || id === undefined ? undefined : refs.regionById.get(id)
    while (row) {
      names.unshift(label(row))
      row = row.parent === null || row.parent === undefined ? undefined : refs.regionById.get(row.parent)
    }
    return names.join(' / ')
  }

  return { refs, regionTree, industryTree, regionName, industryName, regionPath }
}
