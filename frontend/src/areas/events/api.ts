// Types and small helpers of the events area; every shape comes from the
// generated schema (src/api/schema.d.ts).
import type { Role, Schemas } from '@/api/client'
import { ApiError } from '@/api/errors'

export type EventRow = Schemas['Event']
export type EventType = Schemas['EventTypeEnum']
export type Registration = Schemas['Registration']
export type Slot = Schemas['Slot']
export type Booking = Schemas['Booking']
export type Criterion = Schemas['Criterion']
export type ScoreSheet = Schemas['ScoreSheet']
export type RankingRow = Schemas['RankingRow']
export type Series = Schemas['Series']
export type Room = Schemas['Room']
export type Person = Schemas['Person']

export const EVENT_TYPES: EventType[] = [
  'roadshow',
  'salon',
  'forum',
  'training',
  'talk',
  'competition',
  'bank_matchmaking',
  'finance_roadshow',
  'achievement_matchmaking',
]
export const PITCH_TYPES: EventType[] = ['roadshow', 'competition', 'finance_roadshow']
export const ALL_ROLES: Role[] = ['startup', 'mentor', 'investor', 'bank', 'organizer', 'admin']
/** Organisations whose staff organise events (the backend checks the membership itself). */
export const ORGANISER_KINDS = ['carrier_operator', 'bureau']

/** The title in the interface language (English only when given). */
export function titleOf(event: { title: string; title_en?: string }, locale: string): string {
  return locale === 'en' && event.title_en ? event.title_en : event.title
}

export interface ConflictBrief {
  id: number
  title: string
  starts: string
  ends: string
}

/** The events a 409 "room taken" names (event editor: body.conflicts; series: [{occurrence, conflict}]). */
export function roomConflicts(error: unknown): ConflictBrief[] {
  if (!(error instanceof ApiError) || error.status !== 409) return []
  const list = error.body.conflicts
  if (!Array.isArray(list)) return []
  return list
    .map((item) => (item && typeof item === 'object' && 'conflict' in item ? item.conflict : item))
    .filter((c): c is ConflictBrief => !!c && typeof c === 'object' && 'id' in c && 'title' in c)
}

/** Weighted mean of one score sheet (what the ranking averages), or null while incomplete. */
export function weightedMean(criteria: Pick<Criterion, 'id' | 'weight'>[], values: Record<number, number | undefined>) {
  let sum = 0
  let weights = 0
  for (const c of criteria) {
    const value = values[c.id]
    if (value === undefined || value === null) return null
    sum += value * Number(c.weight)
    weights += Number(c.weight)
  }
  return weights > 0 ? Math.round((sum / weights) * 1000) / 1000 : null
}

export function todayShanghai(now: Date = new Date()): string {
  const d = new Date(now.getTime() + 8 * 3600 * 1000)
  return d.toISOString().slice(0, 10)
}
