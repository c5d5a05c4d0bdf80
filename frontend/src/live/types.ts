// What the live endpoints send (events/live/selectors.py, README.md there).
// WebSocket frames are outside the OpenAPI schema, so these mirror the server by hand.

export type Phase = 'idle' | 'pitch' | 'qa' | 'ended'

export interface Pitch {
  booking: number
  startup: number
  startup_name: string
  title: string
  slot_label: string
  slot_starts: string | null
  slot_ends: string | null
}

export interface RoomState {
  event: number
  title: string
  title_en: string
  status: string
  phase: Phase
  version: number
  current: Pitch | null
  next: Pitch | null
  position: number
  total: number
  pitch_seconds: number
  qa_seconds: number
  phase_started_at: string | null
  phase_ends_at: string | null
  paused: boolean
  paused_remaining_ms: number | null
  programme: Pitch[]
  server_time_ms: number
  seq: number
}

export interface Question {
  id: number
  text: string
  status: 'pending' | 'approved' | 'rejected' | 'answered'
  author_name: string
  booking: number | null
  created_at: string
}

export interface QuestionsState {
  items: Question[]
  seq: number
}

export interface CountsState {
  registered: number
  waiting: number
  checked_in: number
  capacity: number
  seq: number
}

export interface RankingRow {
  rank: number
  booking: number
  startup: number
  startup_name: string
  title: string
  score: string | null
  sheets: number
}

export interface RankingState {
  rows: RankingRow[]
  seq: number
}

export interface InterestsState {
  by_startup: Record<string, number>
  seq: number
}

export interface StaffState {
  counts: CountsState
  ranking: RankingState
  pending: QuestionsState
  interests: InterestsState
}

export interface MeState {
  user: number
  can_command: boolean
  can_signal_interest: boolean
  can_score: boolean
  my_bookings: number[]
  my_interests: number[]
  my_pending_questions: number
}

export type View = 'audience' | 'screen' | 'presenter' | 'console'

export interface Snapshot {
  view: View
  room: RoomState
  questions: QuestionsState
  me: MeState
  staff?: StaffState
}

export type Command = 'start' | 'next' | 'previous' | 'goto' | 'qa' | 'pause' | 'resume' | 'end' | 'configure'

export interface JobState {
  id: number
  kind: string
  status: 'queued' | 'running' | 'succeeded' | 'failed'
  progress: number
  message: string
  result: unknown
  error: string
}
