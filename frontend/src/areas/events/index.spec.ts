import { describe, expect, it } from 'vitest'
import { navFor } from '@/router/nav'
import area from './index'

describe('events area', () => {
  it('shows the calendar to every role and the organizer pages to organizers', () => {
    const keys = (roles: Parameters<typeof navFor>[0]) => navFor(roles, area.nav).map((i) => i.key)
    expect(keys(['startup'])).toEqual(['events', 'events-mine'])
    expect(keys(['organizer'])).toEqual(['events', 'events-mine', 'events-organize'])
    expect(keys([])).toEqual([])
  })

  it('adds home cards for every role', () => {
    const roles = new Set((area.home ?? []).map((w) => w.role))
    expect([...roles].sort()).toEqual(['admin', 'bank', 'investor', 'mentor', 'organizer', 'startup'])
  })
})
