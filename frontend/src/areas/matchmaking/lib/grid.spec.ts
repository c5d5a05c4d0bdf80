import { describe, expect, it } from 'vitest'
import type { Meeting, Slot, Table } from '../api'
import { wan, yuanFromWan } from '../api'
import { pollJob, scheduleGrid, slotsUsed, unplaced } from './grid'

const slot = (id: number, hh: string): Slot => ({
  id,
  starts: `2026-12-01T${hh}:00+08:00`,
  ends: `2026-12-01T${hh}:20+08:00`,
  label: hh,
})
const table = (id: number, n: number): Table => ({ id, number: n, label: `${n}号桌` })
const party = (id: number, side: 'enterprise' | 'partner') => ({
  id,
  side,
  organisation: { id: id + 100, name: `机构${id}`, kind: side === 'enterprise' ? ('startup' as const) : ('bank' as const) },
})
function meeting(id: number, s: Slot | null, t: Table | null, status: 'active' | 'cancelled' = 'active'): Meeting {
  return {
    id,
    enterprise: party(id, 'enterprise'),
    partner: party(50 + id, 'partner'),
    preference: 'nice',
    status,
    slot: s,
    table: t,
    locked: false,
    attendance: 'upcoming',
    checked_in_at: null,
    cancelled_at: null,
    cancel_reason: '',
    outcomes: [],
  } as Meeting
}

describe('schedule grid', () => {
  const slots = [slot(1, '09'), slot(2, '10'), slot(3, '11')]
  const tables = [table(7, 1), table(8, 2)]

  it('puts active meetings in their cell and leaves the rest empty', () => {
    const rows = scheduleGrid(slots, tables, [
      meeting(1, slots[0], tables[1]),
      meeting(2, slots[1], tables[0]),
      meeting(3, slots[2], tables[0], 'cancelled'),
    ])
    expect(rows.map((r) => r.cells.map((c) => c?.id ?? null))).toEqual([
      [null, 1],
      [2, null],
      [null, null],
    ])
    expect(slotsUsed(rows)).toBe(2)
  })

  it('lists unplaced active meetings', () => {
    expect(unplaced([meeting(1, null, null), meeting(2, slots[0], tables[0]), meeting(3, null, null, 'cancelled')]).map((m) => m.id)).toEqual([1])
  })
})

describe('amounts', () => {
  it('shows yuan as 万元 and reads 万元 back as yuan', () => {
    expect(wan('1000000.00')).toBe('100')
    expect(wan('12345')).toBe('1.23')
    expect(wan(null)).toBe('')
    expect(yuanFromWan('80')).toBe('800000.00')
    expect(yuanFromWan('')).toBeNull()
    expect(yuanFromWan('abc')).toBe('abc')
  })
})

describe('pollJob', () => {
  it('polls until the job is done and reports each state', async () => {
    const states = ['queued', 'running', 'succeeded']
    const seen: string[] = []
    const waits: number[] = []
    const job = await pollJob(
      async () => ({ status: states.shift() ?? 'failed' }),
      (j) => seen.push(j.status),
      { interval: 5, wait: async (ms) => void waits.push(ms) },
    )
    expect(job.status).toBe('succeeded')
    expect(seen).toEqual(['queued', 'running', 'succeeded'])
    expect(waits).toEqual([5, 5])
  })
})
