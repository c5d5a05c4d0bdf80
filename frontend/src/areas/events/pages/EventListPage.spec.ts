import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { mountWithApp } from '@/test/mount'
import { makeEvent } from '../test/factories'
import EventListPage from './EventListPage.vue'

const me = makeMe({ roles: ['startup'] })

function network() {
  return mockFetch({
    'GET /api/events': {
      body: {
        count: 2,
        results: [
          makeEvent({ id: 1, title: '光电子沙龙', starts: '2099-11-12T14:00:00+08:00', ends: '2099-11-12T16:00:00+08:00' }),
          makeEvent({ id: 2, title: '银企对接会', starts: '2099-12-03T09:00:00+08:00', ends: '2099-12-03T12:00:00+08:00' }),
        ],
      },
    },
    'GET /api/regions': { body: [] },
    'GET /api/organisations': { body: { count: 0, results: [] } },
    'GET /api/carriers': { body: { count: 1, results: [{ id: 7, name: '吉林省光电子产业孵化器' }] } },
    'GET /api/carriers/7': { body: { id: 7, name: '吉林省光电子产业孵化器' } },
  })
}

const eventCalls = (net: ReturnType<typeof mockFetch>) => net.calls.filter((c) => c.path === '/api/events')

describe('EventListPage', () => {
  it('lists upcoming events by month with the filters of the URL', async () => {
    const net = network()
    const { wrapper } = await mountWithApp(EventListPage, { me, at: '/events?q=光电&type=salon&type=forum&region=3' })

    const query = eventCalls(net)[0].query
    expect(query.get('q')).toBe('光电')
    expect(query.getAll('type')).toEqual(['salon', 'forum'])
    expect(query.get('region')).toBe('3')
    expect(query.get('date_from')).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(query.get('date_to')).toBeNull()
    expect(wrapper.findAll('.group h3').map((h) => h.text())).toEqual(['2099-11', '2099-12'])
  })

  it('filters by the carrier where events are held', async () => {
    const net = network()
    await mountWithApp(EventListPage, { me, at: '/events?carrier=7' })

    expect(eventCalls(net)[0].query.get('carrier')).toBe('7')
    expect(net.calls.some((c) => c.path === '/api/carriers')).toBe(true)
  })

  it('shows a month grid for the chosen month and steps to the next', async () => {
    const net = network()
    const { wrapper, router } = await mountWithApp(EventListPage, { me, at: '/events?view=month&month=2099-11' })

    let query = eventCalls(net).at(-1)!.query
    expect([query.get('date_from'), query.get('date_to'), query.get('page_size')]).toEqual(['2099-11-01', '2099-11-30', '100'])
    expect(wrapper.get('[data-test=day-2099-11-12]').text()).toContain('光电子沙龙')

    await wrapper.get('[data-test=month-next]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toMatchObject({ view: 'month', month: '2099-12' })
    query = eventCalls(net).at(-1)!.query
    expect([query.get('date_from'), query.get('date_to')]).toEqual(['2099-12-01', '2099-12-31'])
  })
})
