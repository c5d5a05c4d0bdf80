import { describe, expect, it } from 'vitest'
import {
  addMinutesToWall,
  dayKey,
  fmtRange,
  fromWall,
  monthBounds,
  monthGrid,
  monthOf,
  shiftMonth,
  toWall,
} from './time'

describe('Shanghai times', () => {
  it('turns API instants into Shanghai wall time and back, whatever the offset they carry', () => {
    expect(toWall('2026-11-12T06:00:00Z')).toBe('2026-11-12T14:00:00')
    expect(toWall('2026-11-12T14:00:00+08:00')).toBe('2026-11-12T14:00:00')
    expect(fromWall('2026-11-12T14:00:00')).toBe('2026-11-12T14:00:00+08:00')
    expect(fromWall('2026-11-12 14:00')).toBe('2026-11-12T14:00:00+08:00')
    expect(() => fromWall('tomorrow')).toThrow()
  })

  it('keeps the Shanghai day around midnight UTC', () => {
    expect(dayKey('2026-11-30T17:30:00Z')).toBe('2026-12-01')
    expect(monthOf('2026-11-30T17:30:00Z')).toBe('2026-12')
  })

  it('adds minutes across midnight', () => {
    expect(addMinutesToWall('2026-11-12T23:50:00', 20)).toBe('2026-11-13T00:10:00')
  })

  it('writes ranges on one day short', () => {
    expect(fmtRange('2026-11-12T14:00:00+08:00', '2026-11-12T16:30:00+08:00')).toBe('2026-11-12 14:00–16:30')
    expect(fmtRange('2026-11-12T14:00:00+08:00', '2026-11-13T12:00:00+08:00')).toBe(
      '2026-11-12 14:00 – 2026-11-13 12:00',
    )
  })

  it('walks months and bounds them', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01')
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(monthBounds('2028-02')).toEqual({ date_from: '2028-02-01', date_to: '2028-02-29' })
  })

  it('lays a month out in weeks from Monday', () => {
    const grid = monthGrid('2026-11') // 1 Nov 2026 is a Sunday
    expect(grid[0][0]).toBe('2026-10-26')
    expect(grid[0][6]).toBe('2026-11-01')
    expect(grid.at(-1)?.[0]).toBe('2026-11-30') // a Monday
    expect(grid.at(-1)?.[6]).toBe('2026-12-06')
    expect(grid.every((week) => week.length === 7)).toBe(true)
  })
})
