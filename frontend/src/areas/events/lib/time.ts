// Event times are shown and entered in Asia/Shanghai, whatever the browser's
// zone. Shanghai has had no daylight saving since 1991, so a fixed +08:00 is
// exact and keeps these helpers free of Intl time-zone data.
//
// "Wall" values are what date pickers hold: 'YYYY-MM-DDTHH:mm:ss' without a zone.

const OFFSET_MS = 8 * 3600 * 1000
export const OFFSET = '+08:00'
export const WALL_FORMAT = 'YYYY-MM-DDTHH:mm:ss'

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

interface Parts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  /** 0 = Sunday … 6 = Saturday */
  weekday: number
}

export function shanghaiParts(value: string | Date): Parts {
  const d = new Date(new Date(value).getTime() + OFFSET_MS)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  }
}

/** An instant (ISO string from the API) as a Shanghai wall-clock value for a picker. */
export function toWall(iso: string | Date): string {
  const p = shanghaiParts(iso)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`
}

/** A Shanghai wall-clock value ('YYYY-MM-DD HH:mm[:ss]' or with 'T') as an ISO instant for the API. */
export function fromWall(wall: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?$/.exec(wall.trim())
  if (!m) throw new Error(`not a wall time: ${wall}`)
  return `${m[1]}T${m[2]}${m[3] ?? ':00'}${OFFSET}`
}

export function addMinutesToWall(wall: string, minutes: number): string {
  return toWall(new Date(new Date(fromWall(wall)).getTime() + minutes * 60_000))
}

export function minutesBetween(a: string, b: string): number {
  return Math.round((new Date(b).getTime() - new Date(a).getTime()) / 60_000)
}

export function dayKey(iso: string | Date): string {
  const p = shanghaiParts(iso)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`
}

export function fmtTime(iso: string): string {
  const p = shanghaiParts(iso)
  return `${pad(p.hour)}:${pad(p.minute)}`
}

export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  return `${dayKey(iso)} ${fmtTime(iso)}`
}

/** '2026-11-12 14:00–16:00', or both ends in full when they fall on different days. */
export function fmtRange(starts: string, ends: string): string {
  if (dayKey(starts) === dayKey(ends)) return `${dayKey(starts)} ${fmtTime(starts)}–${fmtTime(ends)}`
  return `${fmtDateTime(starts)} – ${fmtDateTime(ends)}`
}

/** 'YYYY-MM' of an instant (Shanghai). */
export function monthOf(value: string | Date): string {
  return dayKey(value).slice(0, 7)
}

export function isMonth(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value)
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number)
  const index = y * 12 + (m - 1) + by
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`
}

/** First and last day of a month, as the API's date_from/date_to filters take them. */
export function monthBounds(month: string): { date_from: string; date_to: string } {
  const [y, m] = month.split('-').map(Number)
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { date_from: `${month}-01`, date_to: `${month}-${pad(last)}` }
}

/** The days of a month grid (weeks from Monday), each 'YYYY-MM-DD', padded with neighbours' days. */
export function monthGrid(month: string): string[][] {
  const [y, m] = month.split('-').map(Number)
  const first = new Date(Date.UTC(y, m - 1, 1))
  const lead = (first.getUTCDay() + 6) % 7 // days before the 1st back to Monday
  const start = Date.UTC(y, m - 1, 1 - lead)
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate()
  const weeks = Math.ceil((lead + lastDay) / 7)
  const rows: string[][] = []
  for (let w = 0; w < weeks; w++) {
    const row: string[] = []
    for (let d = 0; d < 7; d++) {
      const day = new Date(start + (w * 7 + d) * 86_400_000)
      row.push(`${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`)
    }
    rows.push(row)
  }
  return rows
}
