// RRULE presets for event series (月月有路演、季季有论坛): the organizer picks
// "monthly on the 2nd Thursday" or "quarterly", this builds the RFC 5545 rule
// the backend expands; a rule typed by hand is kept as it is (custom).
import { shanghaiParts } from './time'

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const
export type Weekday = (typeof WEEKDAYS)[number]
/** 1st–4th, or -1 for the last one of the month. */
export type Nth = 1 | 2 | 3 | 4 | -1

export type PresetKind = 'weekly' | 'monthlyNth' | 'monthlyDay' | 'quarterlyNth' | 'quarterlyDay' | 'custom'
export const PRESET_KINDS: PresetKind[] = ['monthlyNth', 'quarterlyNth', 'monthlyDay', 'quarterlyDay', 'weekly', 'custom']

export type EndKind = 'count' | 'until'

export interface RulePreset {
  kind: PresetKind
  weekday: Weekday
  nth: Nth
  /** Day of the month, 1–31. */
  monthDay: number
  /** Every N weeks (weekly). */
  interval: number
  end: EndKind
  count: number
  /** Last day 'YYYY-MM-DD' (Shanghai), inclusive. */
  until: string
  /** The rule as typed, for kind 'custom'. */
  raw: string
}

const JS_DAY_TO_WEEKDAY: Weekday[] = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA']

/** The preset that repeats the first date: "2nd Thursday of the month" for 2026-11-12. */
export function presetFromDate(wall: string, kind: PresetKind = 'monthlyNth'): RulePreset {
  const p = shanghaiParts(`${wall.replace(' ', 'T').slice(0, 19)}+08:00`)
  const nth = Math.ceil(p.day / 7)
  return {
    kind,
    weekday: JS_DAY_TO_WEEKDAY[p.weekday],
    nth: (nth > 4 ? -1 : nth) as Nth,
    monthDay: p.day,
    interval: 1,
    end: 'count',
    count: 12,
    until: '',
    raw: '',
  }
}

function endPart(preset: RulePreset): string {
  if (preset.end === 'until' && /^\d{4}-\d{2}-\d{2}$/.test(preset.until)) {
    // UNTIL in UTC (required with a zoned DTSTART): the end of that Shanghai day is 15:59:59Z.
    return `;UNTIL=${preset.until.replaceAll('-', '')}T155959Z`
  }
  return `;COUNT=${Math.max(1, Math.floor(preset.count))}`
}

function byDay(preset: RulePreset): string {
  return `BYDAY=${preset.nth > 0 ? '+' : ''}${preset.nth}${preset.weekday}`
}

export function buildRule(preset: RulePreset): string {
  switch (preset.kind) {
    case 'weekly': {
      const every = preset.interval > 1 ? `;INTERVAL=${preset.interval}` : ''
      return `FREQ=WEEKLY${every};BYDAY=${preset.weekday}${endPart(preset)}`
    }
    case 'monthlyNth':
      return `FREQ=MONTHLY;${byDay(preset)}${endPart(preset)}`
    case 'monthlyDay':
      return `FREQ=MONTHLY;BYMONTHDAY=${preset.monthDay}${endPart(preset)}`
    case 'quarterlyNth':
      return `FREQ=MONTHLY;INTERVAL=3;${byDay(preset)}${endPart(preset)}`
    case 'quarterlyDay':
      return `FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=${preset.monthDay}${endPart(preset)}`
    case 'custom':
      return preset.raw.trim().replace(/^RRULE:/i, '')
  }
}

/** Read a stored rule back into a preset; rules no preset makes come back as custom. */
export function parseRule(rule: string, fallback: RulePreset): RulePreset {
  const text = rule.trim().replace(/^RRULE:/i, '')
  const custom: RulePreset = { ...fallback, kind: 'custom', raw: text }
  const parts = new Map<string, string>()
  for (const piece of text.split(';')) {
    const [key, value] = piece.split('=')
    if (!key || value === undefined || parts.has(key.toUpperCase())) return custom
    parts.set(key.toUpperCase(), value.toUpperCase())
  }
  const preset: RulePreset = { ...fallback, raw: text }
  if (parts.has('COUNT')) {
    preset.end = 'count'
    preset.count = Number(parts.get('COUNT'))
  } else if (/^\d{8}T155959Z$/.test(parts.get('UNTIL') ?? '')) {
    const u = parts.get('UNTIL')!
    preset.end = 'until'
    preset.until = `${u.slice(0, 4)}-${u.slice(4, 6)}-${u.slice(6, 8)}`
  } else return custom
  const interval = Number(parts.get('INTERVAL') ?? '1')
  const byday = parts.get('BYDAY')
  const nthDay = byday ? /^([+-]?\d)(MO|TU|WE|TH|FR|SA|SU)$/.exec(byday) : null
  const monthDay = parts.get('BYMONTHDAY')
  const freq = parts.get('FREQ')
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'COUNT', 'UNTIL'])
  if ([...parts.keys()].some((k) => !known.has(k))) return custom
  if (freq === 'WEEKLY' && byday && WEEKDAYS.includes(byday as Weekday) && !monthDay) {
    return { ...preset, kind: 'weekly', weekday: byday as Weekday, interval }
  }
  if (freq === 'MONTHLY' && (interval === 1 || interval === 3)) {
    const quarterly = interval === 3
    if (nthDay && !monthDay) {
      const nth = Number(nthDay[1])
      if (![1, 2, 3, 4, -1].includes(nth)) return custom
      return { ...preset, kind: quarterly ? 'quarterlyNth' : 'monthlyNth', nth: nth as Nth, weekday: nthDay[2] as Weekday }
    }
    if (monthDay && !byday && /^\d{1,2}$/.test(monthDay) && Number(monthDay) >= 1 && Number(monthDay) <= 31) {
      return { ...preset, kind: quarterly ? 'quarterlyDay' : 'monthlyDay', monthDay: Number(monthDay) }
    }
  }
  return custom
}
