import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { makeMe } from '@/test/factories'
import { apiError, mockFetch } from '@/test/fetch'
import { mountWithApp } from '@/test/mount'
import RecommendationCard from './components/RecommendationCard.vue'
import { formatMoney } from './format'
import area from './index'
import messages from './messages'

const mentor = {
  kind: 'mentor',
  id: 3,
  name: '周明哲',
  score: 0.61,
  reasons: [
    { code: 'region', zh: '同在 吉林省长春市', en: 'both in 吉林省 / 长春市', contribution: 0.1, data: {} },
    { code: 'industry', zh: '产业：光电子', en: 'industry: Optoelectronics', contribution: 0.39, data: {} },
    { code: 'text', zh: '简介相近：光电', en: 'similar descriptions: 光电', contribution: 0.06, data: {} },
    { code: 'graph.distance', zh: '社交距离 2 步', en: '2 steps apart in the network', contribution: 0.03, data: {} },
  ],
  detail: { title: '研究员', affiliation: '长春光机所', places_left: 2 },
}

afterEach(() => vi.unstubAllGlobals())

describe('RecommendationCard', () => {
  it('lists items with their score and the largest reasons first, all on demand', async () => {
    const { calls } = mockFetch({
      'GET /api/recommendations': { body: { for: 'mentors', subject: { type: 'startup', id: 1, name: '光迹' }, items: [mentor] } },
    })
    const { wrapper } = await mountWithApp(RecommendationCard, {
      me: makeMe({ roles: ['startup'] }),
      props: { what: 'mentors', title: '推荐导师' },
    })

    expect(calls[0].query.get('for')).toBe('mentors')
    expect(wrapper.get('[data-test=recommendation]').text()).toContain('周明哲')
    expect(wrapper.get('[data-test=score]').text()).toBe('匹配度 61%')
    expect(wrapper.text()).toContain('研究员 · 长春光机所 · 剩余名额 2')
    const tags = () => wrapper.findAll('[data-test=reason]').map((r) => r.attributes('data-code'))
    expect(tags()).toEqual(['industry', 'region', 'text'])
    await wrapper.get('[data-test=reasons-toggle]').trigger('click')
    expect(tags()).toEqual(['industry', 'region', 'text', 'graph.distance'])
    expect(wrapper.get('[data-test=reason]').text()).toContain('产业：光电子 · 39%')
  })

  it('speaks English when asked', async () => {
    mockFetch({ 'GET /api/recommendations': { body: { for: 'mentors', subject: null, items: [mentor] } } })
    const { wrapper } = await mountWithApp(RecommendationCard, {
      locale: 'en',
      me: makeMe({ roles: ['startup'] }),
      props: { what: 'mentors', title: 'Mentors' },
    })
    expect(wrapper.get('[data-test=reason]').text()).toBe('industry: Optoelectronics')
    expect(wrapper.get('[data-test=score]').text()).toBe('61% match')
  })

  it('says what is missing when there is no startup or no need', async () => {
    mockFetch({ 'GET /api/recommendations': { body: { for: 'mentors', subject: null, items: [] } } })
    const noStartup = await mountWithApp(RecommendationCard, { me: makeMe(), props: { what: 'mentors', title: 'x' } })
    expect(noStartup.wrapper.get('[data-test=recommendations-empty]').text()).toContain('您还没有加入企业')

    mockFetch({
      'GET /api/recommendations': { body: { for: 'loan-products', subject: { type: 'startup', id: 1, name: 'a' }, items: [] } },
    })
    const noNeed = await mountWithApp(RecommendationCard, { me: makeMe(), props: { what: 'loan-products', title: 'x' } })
    expect(noNeed.wrapper.get('[data-test=recommendations-empty]').text()).toContain('还没有债权融资需求')
  })

  it('shows the error and retries', async () => {
    let fail = true
    mockFetch({
      'GET /api/recommendations': () =>
        fail ? apiError(403, '您没有查看此类推荐的角色 · No role.') : { body: { for: 'mentors', subject: null, items: [mentor] } },
    })
    const { wrapper } = await mountWithApp(RecommendationCard, { me: makeMe(), props: { what: 'mentors', title: 'x' } })
    expect(wrapper.get('[data-test=recommendations-error]').text()).toContain('您没有查看此类推荐的角色')
    fail = false
    await wrapper.get('[data-test=recommendations-error] button').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-test=recommendation]')).toHaveLength(1)
  })
})

describe('the area', () => {
  it('has the same message keys in both languages', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
    expect(keys(messages.en).sort()).toEqual(keys(messages['zh-CN']).sort())
  })

  it('adds a card to the home of each role it serves', () => {
    const roles = new Set(area.home?.map((w) => w.role))
    expect([...roles].sort()).toEqual(['bank', 'investor', 'mentor', 'organizer', 'startup'])
  })

  it('formats money in 万元 or millions', () => {
    expect(formatMoney('3000000.00', 'zh-CN')).toBe('300万元')
    expect(formatMoney('125000', 'en')).toBe('CNY 0.125m')
    expect(formatMoney(null, 'zh-CN')).toBe('—')
  })
})
