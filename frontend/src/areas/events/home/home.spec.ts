import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import HomePage from '@/pages/HomePage.vue'
import { mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { mountWithApp } from '@/test/mount'
import { makeEvent } from '../test/factories'

// The home page sets each card's data-test to home-widget-<key> (it overrides the card's own).
describe('events home cards', () => {
  it('shows my events once for a person with several roles, with my registrations', async () => {
    const net = mockFetch({
      'GET /api/events': (request) => {
        const mine = new URL(request.url).searchParams.get('mine') === 'true'
        const rows = mine ? [makeEvent({ id: 3, title: '光电子沙龙', my_registration_status: 'waiting' })] : []
        return { body: { count: rows.length, results: rows } }
      },
    })
    const { wrapper } = await mountWithApp(HomePage, { me: makeMe({ roles: ['startup', 'mentor', 'investor'] }) })
    await flushPromises()

    expect(wrapper.findAll('[data-test=home-widget-events-mine]')).toHaveLength(1)
    expect(wrapper.findAll('[data-test=home-widget-events-judging]')).toHaveLength(1)
    const card = wrapper.get('[data-test=home-widget-events-mine]')
    expect(card.text()).toContain('光电子沙龙')
    expect(card.text()).toContain('候补中')
    const queried = net.calls.filter((c) => c.path === '/api/events').map((c) => c.query.get('date_from'))
    expect(queried.every((d) => d && /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true)
  })

  it('gives organizers their events with a way to create one', async () => {
    mockFetch({ 'GET /api/events': { body: { count: 0, results: [] } } })
    const { wrapper } = await mountWithApp(HomePage, { me: makeMe({ roles: ['organizer'] }) })
    await flushPromises()

    const card = wrapper.get('[data-test=home-widget-events-organized]')
    expect(card.text()).toContain('近期没有你组织的活动')
    expect(card.find('a[href="/events/new"]').exists()).toBe(true)
    expect(wrapper.find('[data-test=home-widget-events-mine]').exists()).toBe(false)
  })
})
