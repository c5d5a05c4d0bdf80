// The countdown is stored as an end time (or a frozen remainder while paused);
// each screen computes what is left against the server's clock.
import type { RoomState } from './types'

/** Milliseconds left in the phase, or null when no clock runs (idle, ended). */
export function remainingMs(room: RoomState | null, clientNowMs: number, offsetMs: number): number | null {
  if (!room) return null
  if (room.paused_remaining_ms !== null && room.paused_remaining_ms !== undefined) return room.paused_remaining_ms
  if (!room.phase_ends_at) return null
  return Date.parse(room.phase_ends_at) - (clientNowMs + offsetMs)
}

/** "m:ss", with a minus sign once the time is up (the speaker overruns). */
export function formatClock(ms: number | null): string {
  if (ms === null) return '--:--'
  const negative = ms < 0
  const total = Math.floor(Math.abs(ms) / 1000) + (negative ? 0 : ms % 1000 > 0 ? 1 : 0)
  const minutes = Math.floor(total / 60)
  const seconds = String(total % 60).padStart(2, '0')
  return `${negative ? '-' : ''}${minutes}:${seconds}`
}
