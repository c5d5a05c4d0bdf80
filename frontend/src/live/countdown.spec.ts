import { describe, expect, it } from 'vitest'
import { formatClock, remainingMs } from './countdown'
import type { RoomState } from './types'

const base = { phase_ends_at: null, paused_remaining_ms: null } as unknown as RoomState

describe('countdown', () => {
  it('counts down to the end against the server clock', () => {
    const room = { ...base, phase_ends_at: '2026-03-01T14:10:00+08:00' }
    const clientNow = Date.parse('2026-03-01T14:05:00+08:00')
    expect(remainingMs(room, clientNow, 0)).toBe(300_000)
    // Our clock is 2 s behind the server's: 2 s less are left.
    expect(remainingMs(room, clientNow, 2000)).toBe(298_000)
  })

  it('shows the frozen remainder while paused, nothing when idle', () => {
    expect(remainingMs({ ...base, paused_remaining_ms: 61_500 }, 0, 0)).toBe(61_500)
    expect(remainingMs(base, 0, 0)).toBeNull()
    expect(remainingMs(null, 0, 0)).toBeNull()
  })

  it('formats m:ss, rounding up while time is left and counting the overrun', () => {
    expect(formatClock(300_000)).toBe('5:00')
    expect(formatClock(59_001)).toBe('1:00')
    expect(formatClock(500)).toBe('0:01')
    expect(formatClock(0)).toBe('0:00')
    expect(formatClock(-65_000)).toBe('-1:05')
    expect(formatClock(null)).toBe('--:--')
  })
})
