// API shapes for the events specs (what the backend sends, trimmed to a realistic row).
import type { EventRow, Registration } from '../api'

export function makeEvent(overrides: Partial<EventRow> = {}): EventRow {
  return {
    id: 5,
    title: '月度项目路演',
    title_en: 'Monthly roadshow',
    description: '',
    type: 'salon',
    type_label: '创业沙龙 · salon',
    organisation: { id: 1, name: '邢台市科学技术局', kind: 'bureau' },
    room: null,
    online_url: '',
    starts: '2099-11-12T14:00:00+08:00',
    ends: '2099-11-12T16:00:00+08:00',
    capacity: 2,
    registration_opens: null,
    registration_closes: null,
    allowed_roles: [],
    visibility: 'public',
    status: 'published',
    status_label: '已发布 · published',
    sequence: 0,
    series: null,
    recurrence_id: null,
    is_moved: false,
    previous_round: null,
    round_name: '',
    scoring_closed_at: null,
    cancelled_reason: '',
    is_pitch_event: false,
    confirmed_count: 0,
    waiting_count: 0,
    slot_count: 0,
    my_registration_status: null,
    can_manage: false,
    can_score: false,
    ...overrides,
  }
}

export function makeRegistration(overrides: Partial<Registration> = {}): Registration {
  return {
    id: 9,
    event: 5,
    user: { id: 3, name: '赵创业' },
    status: 'confirmed',
    waiting_position: null,
    queued_at: '2099-11-01T10:00:00+08:00',
    checked_in_at: null,
    token: null,
    ...overrides,
  }
}
