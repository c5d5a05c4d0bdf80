import { describe, expect, it } from 'vitest'
import { feedbackOpen, lifecycleActions, registrationWindow } from './lifecycle'

const event = {
  status: 'published' as const,
  registration_opens: '2026-11-01T00:00:00+08:00',
  registration_closes: null,
  starts: '2026-11-12T14:00:00+08:00',
  ends: '2026-11-12T16:00:00+08:00',
}

describe('event lifecycle', () => {
  it('offers the transitions the backend allows', () => {
    expect(lifecycleActions('draft')).toEqual(['publish', 'cancel'])
    expect(lifecycleActions('ongoing')).toEqual(['finish', 'cancel'])
    expect(lifecycleActions('cancelled')).toEqual([])
  })

  it('knows when registration is open', () => {
    expect(registrationWindow(event, new Date('2026-10-31T15:00:00Z'))).toBe('notYet')
    expect(registrationWindow(event, new Date('2026-11-05T00:00:00Z'))).toBe('open')
    expect(registrationWindow(event, new Date('2026-11-12T06:00:00Z'))).toBe('closed')
    expect(registrationWindow({ ...event, status: 'draft' }, new Date('2026-11-05T00:00:00Z'))).toBe('closed')
    const early = { ...event, registration_closes: '2026-11-10T18:00:00+08:00' }
    expect(registrationWindow(early, new Date('2026-11-11T00:00:00Z'))).toBe('closed')
  })

  it('opens feedback after the end', () => {
    expect(feedbackOpen(event, new Date('2026-11-12T07:00:00Z'))).toBe(false)
    expect(feedbackOpen(event, new Date('2026-11-12T08:00:00Z'))).toBe(true)
    expect(feedbackOpen({ ...event, status: 'finished' }, new Date('2026-11-12T07:00:00Z'))).toBe(true)
    expect(feedbackOpen({ ...event, status: 'cancelled' }, new Date('2026-12-01T00:00:00Z'))).toBe(false)
  })
})
