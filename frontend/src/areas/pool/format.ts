// Shared bits of the pool pages: money in 万元, scores, stage order.
import type { Schemas } from '@/api/client'

export { formatMoney, wanToYuan, yuanToWan } from '../directory/format'

export const PIPELINE_STAGES = [
  'interested',
  'contacted',
  'meeting',
  'due_diligence',
  'term_sheet',
  'invested',
  'passed',
] as const satisfies readonly Schemas['PipelineStageEnum'][]

/** A score in [0, 1] as a percentage. */
export function percent(score: number): string {
  return `${Math.round(score * 100)}%`
}

/** Today as YYYY-MM-DD in Beijing time (the API's dates). */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
}

/** "2026-01-05T09:00:00+08:00" → "2026-01-05 09:00" in Beijing time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—'
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(new Date(value))
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`
}
