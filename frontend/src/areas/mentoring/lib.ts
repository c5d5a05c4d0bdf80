// Small shared pieces of the mentoring pages: types, status colours, dates.
import type { Schemas } from '@/api/client'

export type MentorCard = Schemas['MentorCard']
export type MentoringRequest = Schemas['MentoringRequest']
export type Mentorship = Schemas['Mentorship']
export type MentorshipDetail = Schemas['MentorshipDetail']
export type Session = Schemas['MentoringSession']
export type Proposal = Schemas['Proposal']
export type Programme = Schemas['Programme']
export type ProgrammeDetail = Schemas['ProgrammeDetail']

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

const TAGS: Record<string, TagType> = {
  pending: 'warning',
  proposed: 'warning',
  accepted: 'success',
  confirmed: 'success',
  active: 'success',
  matching: 'primary',
  declined: 'danger',
  withdrawn: 'info',
  ended: 'info',
  closed: 'info',
  draft: 'info',
}

export function statusTag(status: string): TagType {
  return TAGS[status] ?? 'info'
}

/** "2026-01-05" from an ISO date-time, in the browser's zone (Asia/Shanghai for our users). */
export function day(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** Minutes as hours with at most one decimal ("1.5"). */
export function hours(minutes: number): string {
  return String(Math.round((minutes / 60) * 10) / 10)
}

/** Today as YYYY-MM-DD in the browser's zone (the default date of a new session). */
export function today(): string {
  return day(new Date().toISOString())
}
