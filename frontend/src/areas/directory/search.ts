// The one search over the directory (GET /api/search): hits grouped by type,
// each with the page it links to.
import type { RouteLocationRaw } from 'vue-router'
import type { Schemas } from '@/api/client'

export type SearchResults = Schemas['SearchResults']
export type SearchHit = Schemas['SearchHit']
export const SEARCH_GROUPS = ['carriers', 'startups', 'investors', 'banks', 'loan_products', 'mentors'] as const
export type SearchGroup = (typeof SEARCH_GROUPS)[number]

export function hitLink(hit: SearchHit): RouteLocationRaw {
  const params = { id: hit.id }
  switch (hit.type) {
    case 'carrier':
      return { name: 'directory-carrier', params }
    case 'loan_product':
      return { name: 'directory-loan-product', params }
    case 'mentor':
      return { name: 'directory-mentor', params }
    default:
      return { name: 'organisation', params } // startups, investors, banks
  }
}

/** The non-empty groups in display order. */
export function groupsOf(results: SearchResults | null | undefined): { key: SearchGroup; hits: SearchHit[] }[] {
  if (!results) return []
  return SEARCH_GROUPS.map((key) => ({ key, hits: results[key] })).filter((g) => g.hits.length > 0)
}
