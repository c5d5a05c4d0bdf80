import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { apiError, mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { mountWithApp } from '@/test/mount'
import type { Recommendation } from '../api'
import RecommendationsPanel from './RecommendationsPanel.vue'

const me = makeMe({ roles: ['startup'] })
const participant = { id: 5, side: 'enterprise' as const, organisation: { id: 50, name: '长春光启科技有限公司', kind: 'startup' as const } }
const URL = '/api/events/9/matchmaking/participants/5/recommendations'

function rec(id: number, name: string, status: string | null = null): Recommendation {
  return {
    participant: { id, side: 'partner', organisation: { id: 100 + id, name, kind: 'bank' } },
    score: 0.786,
    via: '科创贷',
    reasons: [
      { code: 'stage', zh: '阶段匹配 科创贷（初创期）', en: 'stage fits 科创贷 (startup)', contribution: 0.25 },
      { code: 'amount', zh: '金额 100万元 在 10万元–300万元 之间', en: 'amount CNY 1m within CNY 0.1m–CNY 3m', contribution: 0.25 },
    ],
    request_status: status,
    request_id: status ? 77 : null,
  } as Recommendation
}

async function mount(locale: 'zh-CN' | 'en' = 'zh-CN') {
  return mountWithApp(RecommendationsPanel, { me, locale, props: { eventId: 9, participant, closed: false } })
}

describe('RecommendationsPanel', () => {
  it('shows each counterpart with its score, product and reasons in the interface language', async () => {
    mockFetch({ [`GET ${URL}`]: { body: [rec(7, '吉林银行长春科技支行'), rec(8, '长春农商银行', 'pending')] } })
    const { wrapper } = await mount('en')
    const cards = wrapper.findAll('[data-test=mm-rec]')
    expect(cards).toHaveLength(2)
    expect(cards[0].text()).toContain('吉林银行长春科技支行')
    expect(cards[0].get('[data-test=mm-rec-score]').text()).toBe('Match 79%')
    expect(cards[0].text()).toContain('Product: 科创贷')
    expect(cards[0].get('[data-test=mm-rec-reasons]').text()).toContain('amount CNY 1m within CNY 0.1m–CNY 3m')
    expect(cards[1].get('[data-test=mm-rec-requested]').text()).toBe('Requested (Pending)')
    expect(cards[1].find('[data-test=mm-rec-request]').exists()).toBe(false)
  })

  it('sends a must-meet request for the participant and shows a refusal from the API', async () => {
    let answer = { status: 409, body: { message: '已达到本场请求上限（3 个） · You reached this day\'s request cap (3).', code: 'request_cap', errors: {} } }
    const { calls } = mockFetch({
      [`GET ${URL}`]: { body: [rec(7, '吉林银行长春科技支行')] },
      'POST /api/events/9/matchmaking/requests': () => answer,
    })
    const { wrapper } = await mount()
    await wrapper.get('[data-test=mm-rec-request]').trigger('click')
    await wrapper.get('[data-test=mm-pref-must] input').setValue(true)
    await wrapper.get('[data-test=mm-rec-send]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ recipient: 7, sender: 5, preference: 'must', message: '' })
    expect(wrapper.get('[data-test=mm-rec-error]').text()).toContain('已达到本场请求上限（3 个）')

    answer = { status: 201, body: {} as never } as typeof answer
    await wrapper.get('[data-test=mm-rec-send]').trigger('click')
    await flushPromises()
    expect(wrapper.emitted('requested')).toHaveLength(1)
    expect(calls.filter((c) => c.path === URL)).toHaveLength(2) // reloaded after sending
  })

  it('says why the list is empty', async () => {
    mockFetch({ [`GET ${URL}`]: { body: [] } })
    const { wrapper } = await mount()
    expect(wrapper.text()).toContain('暂无推荐')
  })

  it('shows an error the API sends', async () => {
    mockFetch({ [`GET ${URL}`]: apiError(403, '您不代表该参加方 · You do not act for this participant.') })
    const { wrapper } = await mount()
    expect(wrapper.text()).toContain('您不代表该参加方')
  })
})
