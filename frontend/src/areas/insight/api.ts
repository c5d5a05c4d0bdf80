// Calls of the insight area. The workbook and the printable report are plain
// links (the browser sends the session cookie), so only their URLs are built here.
import { api, type Schemas } from '@/api/client'

export type Statistics = Schemas['Statistics']
export type Section = Schemas['Section']
export type Breakdown = Schemas['Breakdown']
export type Figure = Schemas['Figure']
export type Remit = Schemas['Remit']
export type Ecosystem = Schemas['Ecosystem']
export type GraphNode = Schemas['GraphNode']

export interface ScopeQuery {
  region?: number | null
  carrier?: number | null
  date_from: string
  date_to: string
}

/** Only the parameters that are set (the API reads absent ones as "all"). */
export function scopeParams(scope: ScopeQuery): Record<string, string> {
  const params: Record<string, string> = { date_from: scope.date_from, date_to: scope.date_to }
  if (scope.region) params.region = String(scope.region)
  if (scope.carrier) params.carrier = String(scope.carrier)
  return params
}

export function scopeUrl(path: string, scope: ScopeQuery): string {
  return `${path}?${new URLSearchParams(scopeParams(scope)).toString()}`
}

export const workbookUrl = (scope: ScopeQuery) => scopeUrl('/api/insight/statistics.xlsx', scope)
export const reportUrl = (scope: ScopeQuery) => scopeUrl('/api/insight/report', scope)

export const fetchRemit = () => api.GET('/api/insight/remit')
export const fetchStatistics = (scope: ScopeQuery) =>
  api.GET('/api/insight/statistics', { params: { query: scopeParams(scope) } })
export const fetchEcosystem = (scope: ScopeQuery) =>
  api.GET('/api/insight/ecosystem', { params: { query: scopeParams(scope) } })

/** This calendar year as a period (local dates). */
export function thisYear(today: Date = new Date()): { date_from: string; date_to: string } {
  const y = today.getFullYear()
  return { date_from: `${y}-01-01`, date_to: `${y}-12-31` }
}
