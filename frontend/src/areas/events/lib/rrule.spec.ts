import { describe, expect, it } from 'vitest'
import { buildRule, parseRule, presetFromDate, type RulePreset } from './rrule'

const base = presetFromDate('2026-11-12T14:00:00') // a Thursday, the 2nd of the month

describe('RRULE presets', () => {
  it('repeats the first date: the 2nd Thursday of each month', () => {
    expect(base).toMatchObject({ kind: 'monthlyNth', weekday: 'TH', nth: 2, monthDay: 12 })
    expect(buildRule(base)).toBe('FREQ=MONTHLY;BYDAY=+2TH;COUNT=12')
  })

  it('takes the last weekday for days after the 28th', () => {
    expect(presetFromDate('2026-11-30T09:00:00')).toMatchObject({ weekday: 'MO', nth: -1 })
    expect(buildRule({ ...presetFromDate('2026-11-30T09:00:00'), count: 3 })).toBe('FREQ=MONTHLY;BYDAY=-1MO;COUNT=3')
  })

  it.each<[Partial<RulePreset>, string]>([
    [{ kind: 'quarterlyNth', count: 4 }, 'FREQ=MONTHLY;INTERVAL=3;BYDAY=+2TH;COUNT=4'],
    [{ kind: 'monthlyDay', monthDay: 15 }, 'FREQ=MONTHLY;BYMONTHDAY=15;COUNT=12'],
    [{ kind: 'quarterlyDay' }, 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=12;COUNT=12'],
    [{ kind: 'weekly', interval: 2 }, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=12'],
    [{ kind: 'weekly' }, 'FREQ=WEEKLY;BYDAY=TH;COUNT=12'],
  ])('builds %j', (change, rule) => {
    expect(buildRule({ ...base, ...change })).toBe(rule)
  })

  it('ends on a Shanghai day given in UTC, as RFC 5545 wants with a zoned start', () => {
    expect(buildRule({ ...base, end: 'until', until: '2027-06-30' })).toBe(
      'FREQ=MONTHLY;BYDAY=+2TH;UNTIL=20270630T155959Z',
    )
  })

  it('keeps a custom rule as typed, without an RRULE: prefix', () => {
    expect(buildRule({ ...base, kind: 'custom', raw: ' RRULE:FREQ=YEARLY;BYMONTH=3;COUNT=2 ' })).toBe(
      'FREQ=YEARLY;BYMONTH=3;COUNT=2',
    )
  })

  it('reads back every rule it builds', () => {
    const presets: RulePreset[] = [
      base,
      { ...base, kind: 'quarterlyNth', nth: -1, weekday: 'FR', count: 4 },
      { ...base, kind: 'monthlyDay', monthDay: 5, end: 'until', until: '2027-01-31' },
      { ...base, kind: 'quarterlyDay', monthDay: 20 },
      { ...base, kind: 'weekly', weekday: 'TU', interval: 2 },
    ]
    for (const preset of presets) {
      const rule = buildRule(preset)
      const back = parseRule(rule, base)
      expect(back.kind).toBe(preset.kind)
      expect(buildRule(back)).toBe(rule)
    }
  })

  it.each([
    'FREQ=YEARLY;COUNT=3',
    'FREQ=MONTHLY;BYDAY=+2TH',
    'FREQ=MONTHLY;BYDAY=+2TH;BYMONTH=3;COUNT=2',
    'FREQ=MONTHLY;INTERVAL=2;BYDAY=+1MO;COUNT=2',
    'FREQ=MONTHLY;BYDAY=+5TH;COUNT=2',
    'FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4',
    'nonsense',
  ])('treats %s as custom', (rule) => {
    const back = parseRule(rule, base)
    expect(back.kind).toBe('custom')
    expect(buildRule(back)).toBe(rule)
  })
})
