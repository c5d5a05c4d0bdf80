// What an organizer may do with an event in each state (events/services/events.py TRANSITIONS).
import type { Schemas } from '@/api/client'

export type EventStatus = Schemas['EventStatusEnum']
export type LifecycleAction = 'publish' | 'start' | 'finish' | 'cancel'

const ACTIONS: Record<EventStatus, LifecycleAction[]> = {
  draft: ['publish', 'cancel'],
  published: ['start', 'finish', 'cancel'],
  ongoing: ['finish', 'cancel'],
  finished: [],
  cancelled: [],
}

export function lifecycleActions(status: EventStatus): LifecycleAction[] {
  return ACTIONS[status]
}

export function isEditable(status: EventStatus): boolean {
  return status !== 'finished' && status !== 'cancelled'
}

type EventLike = Pick<Schemas['Event'], 'status' | 'registration_opens' | 'registration_closes' | 'starts' | 'ends'>

export type RegistrationWindow = 'open' | 'notYet' | 'closed'

/** Mirrors registration_window_open: published, after opening, before closing (or the start). */
export function registrationWindow(event: EventLike, now: Date = new Date()): RegistrationWindow {
  if (event.status !== 'published') return 'closed'
  if (event.registration_opens && now < new Date(event.registration_opens)) return 'notYet'
  const closes = new Date(event.registration_closes ?? event.starts)
  return now < closes ? 'open' : 'closed'
}

/** Feedback opens when the event is over (finished, or past its end) and not cancelled. */
export function feedbackOpen(event: EventLike, now: Date = new Date()): boolean {
  if (event.status === 'cancelled') return false
  return event.status === 'finished' || new Date(event.ends) <= now
}
