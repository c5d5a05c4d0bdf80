// Types of the matchmaking area, all from the generated schema (src/api/schema.d.ts).
import type { Schemas } from '@/api/client'

export type Day = Schemas['MmDay']
export type Participant = Schemas['MmParticipant']
export type ParticipantBrief = Schemas['MmParticipantBrief']
export type Recommendation = Schemas['MmRecommendation']
export type MeetingRequest = Schemas['MmRequest']
export type Meeting = Schemas['MmMeeting']
export type Slot = Schemas['MmSlot']
export type Table = Schemas['MmTable']
export type Schedule = Schemas['MmSchedule']
export type ScheduleInfo = Schemas['MmScheduleInfo']
export type Agenda = Schemas['MmAgenda']
export type FollowUp = Schemas['MmFollowUp']
export type Overview = Schemas['MmOutcomesOverview']
export type Job = Schemas['Job']

/** Event types that hold a matchmaking day (events/matchmaking/models.py PARTNER_KINDS). */
export const MATCHMAKING_TYPES = ['bank_matchmaking', 'finance_roadshow', 'achievement_matchmaking']

/** Organisation kinds that may take part, by side (the backend decides per event type). */
export const ENTERPRISE_KINDS = ['startup']
export const PARTNER_KINDS = ['bank', 'investor', 'institute']

/** 元 (a decimal string from the API) as 万元 with up to two decimals, or '' when empty. */
export function wan(amount: string | number | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return ''
  const value = Number(amount) / 10000
  if (!Number.isFinite(value)) return ''
  return String(Math.round(value * 100) / 100)
}

/** 万元 typed by a person → 元 as the API takes it ('' → null). */
export function yuanFromWan(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || String(value).trim() === '') return null
  const n = Number(value)
  if (!Number.isFinite(n)) return String(value) // let the API say what is wrong
  return (Math.round(n * 10000 * 100) / 100).toFixed(2)
}
