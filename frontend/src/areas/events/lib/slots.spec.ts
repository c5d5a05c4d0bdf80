import { describe, expect, it } from 'vitest'
import { generateBody, overrunsEvent, planSlots } from './slots'

const input = { start: '2026-11-12T14:00:00', count: 10, pitchMinutes: 10, qaMinutes: 2, gapMinutes: 0, labelPrefix: '' }

describe('pitch slot plan', () => {
  it('lays out ten 12-minute slots back to back', () => {
    const plan = planSlots(input)
    expect(plan).toHaveLength(10)
    expect(plan[0]).toEqual({ starts: '2026-11-12T14:00:00', ends: '2026-11-12T14:12:00', label: '#1' })
    expect(plan[9].ends).toBe('2026-11-12T16:00:00')
  })

  it('leaves gaps between pitches and labels with a prefix', () => {
    const plan = planSlots({ ...input, count: 3, gapMinutes: 3, labelPrefix: 'A' })
    expect(plan.map((s) => [s.starts.slice(11, 16), s.label])).toEqual([
      ['14:00', 'A1'],
      ['14:15', 'A2'],
      ['14:30', 'A3'],
    ])
  })

  it('asks the backend for pitch plus Q&A per slot', () => {
    expect(generateBody({ ...input, gapMinutes: 5 })).toEqual({
      start: '2026-11-12T14:00:00+08:00',
      count: 10,
      minutes: 12,
      gap_minutes: 5,
      label_prefix: '',
    })
  })

  it('notices a programme longer than the event', () => {
    const plan = planSlots(input)
    expect(overrunsEvent(plan, '2026-11-12T16:00:00+08:00')).toBe(false)
    expect(overrunsEvent(plan, '2026-11-12T07:59:00Z')).toBe(true)
  })

  it('plans nothing without a start or a length', () => {
    expect(planSlots({ ...input, start: '' })).toEqual([])
    expect(planSlots({ ...input, pitchMinutes: 0, qaMinutes: 0 })).toEqual([])
  })
})
