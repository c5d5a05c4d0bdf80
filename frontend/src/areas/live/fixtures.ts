// Server frames for specs, shaped as events/live/selectors.py sends them.
import type { Pitch, RoomState, Snapshot } from '@/live/types'

export function pitch(n: number): Pitch {
  return {
    booking: 100 + n,
    startup: 200 + n,
    startup_name: `路演企业${n}`,
    title: `项目${n}`,
    slot_label: `#${n}`,
    slot_starts: '2026-03-01T14:00:00+08:00',
    slot_ends: '2026-03-01T14:12:00+08:00',
  }
}

export function roomState(overrides: Partial<RoomState> = {}): RoomState {
  const programme = [pitch(1), pitch(2), pitch(3)]
  return {
    event: 7,
    title: '光电子项目路演',
    title_en: 'Optoelectronics roadshow',
    status: 'published',
    phase: 'idle',
    version: 0,
    current: null,
    next: programme[0]!,
    position: 0,
    total: 3,
    pitch_seconds: 480,
    qa_seconds: 240,
    phase_started_at: null,
    phase_ends_at: null,
    paused: false,
    paused_remaining_ms: null,
    programme,
    server_time_ms: Date.now(),
    seq: 1,
    ...overrides,
  }
}

export function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    view: 'console',
    room: roomState(),
    questions: { items: [], seq: 1 },
    me: {
      user: 1,
      can_command: true,
      can_signal_interest: false,
      can_score: false,
      my_bookings: [],
      my_interests: [],
      my_pending_questions: 0,
    },
    staff: {
      counts: { registered: 40, waiting: 2, checked_in: 10, capacity: 50, seq: 1 },
      ranking: { rows: [], seq: 1 },
      pending: { items: [], seq: 1 },
      interests: { by_startup: {}, seq: 1 },
    },
    ...overrides,
  }
}

export function onStage(n: number, version: number, overrides: Partial<RoomState> = {}): RoomState {
  const ends = new Date(Date.now() + 480_000).toISOString()
  return roomState({
    phase: 'pitch',
    version,
    current: pitch(n),
    next: n < 3 ? pitch(n + 1) : null,
    position: n,
    status: 'ongoing',
    phase_started_at: new Date().toISOString(),
    phase_ends_at: ends,
    seq: 10 + version,
    ...overrides,
  })
}
