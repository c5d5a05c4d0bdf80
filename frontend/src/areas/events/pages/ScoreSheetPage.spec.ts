import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { apiError, mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { mountWithApp } from '@/test/mount'
import { makeEvent } from '../test/factories'
import ScoreSheetPage from './ScoreSheetPage.vue'

const judge = makeMe({ roles: ['mentor'] })
const criteria = [
  { id: 1, name: '技术创新性', name_en: 'Innovation', weight: '3.00', order: 0 },
  { id: 2, name: '市场前景', name_en: 'Market', weight: '1.00', order: 1 },
]
const slot = { id: 4, event: 5, starts: '2099-11-12T14:00:00+08:00', ends: '2099-11-12T14:12:00+08:00', label: '#1', is_taken: true, approved_startup_id: 8, approved_startup_name: '光芯科技' }
const booking = {
  id: 21,
  event: 5,
  slot,
  startup: { id: 8, name: '光芯科技', kind: 'startup' },
  applicant: { id: 2, name: '钱创始' },
  status: 'approved',
  pitch_title: '光芯片封装检测',
  note: '',
  decided_at: null,
  decision_note: '',
  created_at: '2099-11-01T10:00:00+08:00',
}

function network(event = makeEvent({ type: 'roadshow', is_pitch_event: true, can_score: true }), post = {}) {
  return mockFetch({
    'GET /api/events/5': { body: event },
    'GET /api/events/5/rubric': { body: criteria },
    'GET /api/events/5/bookings': { body: { count: 1, results: [booking] } },
    'GET /api/events/5/scores': { body: { count: 0, results: [] } },
    'GET /api/events/5/ranking': { body: [] },
    'POST /api/events/5/scores': post,
  })
}

async function open() {
  const { wrapper } = await mountWithApp(ScoreSheetPage, { me: judge, at: '/events/5/score', props: { id: 5 } })
  return wrapper
}

describe('ScoreSheetPage', () => {
  it('sends every criterion once all are scored and shows the weighted mean', async () => {
    const net = network(undefined, { body: { id: 1, booking: 21, startup: booking.startup, judge: { id: 1, name: 'x' }, scores: [], comment: '', updated_at: '' } })
    const wrapper = await open()
    const submit = wrapper.get('[data-test=sheet-submit-21]')
    expect(submit.attributes('disabled')).toBeDefined()

    await wrapper.get('[data-test=score-21-1] input').setValue('9')
    await wrapper.get('[data-test=score-21-2] input').setValue('5')
    await flushPromises()
    expect(wrapper.get('[data-test=sheet-mean]').text()).toBe('8')
    expect(submit.attributes('disabled')).toBeUndefined()

    await wrapper.get('[data-test=sheet-21] form').trigger('submit')
    await flushPromises()
    expect(net.calls.find((c) => c.method === 'POST')?.body).toEqual({
      booking: 21,
      scores: [
        { criterion: 1, value: 9 },
        { criterion: 2, value: 5 },
      ],
      comment: '',
    })
    expect(wrapper.find('[data-test=sheet-saved]').exists()).toBe(true)
  })

  it('is read-only once scoring is closed', async () => {
    network(makeEvent({ type: 'roadshow', is_pitch_event: true, can_score: true, scoring_closed_at: '2099-11-12T18:00:00+08:00' }))
    const wrapper = await open()
    expect(wrapper.find('[data-test=scoring-closed]').exists()).toBe(true)
    expect(wrapper.get('[data-test=sheet-submit-21]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-test=score-21-1] input').attributes('disabled')).toBeDefined()
  })

  it('shows a refused sheet on the sheet', async () => {
    network(undefined, apiError(409, '评分已关闭 · Scoring is closed.', {}, 'conflict'))
    const wrapper = await open()
    await wrapper.get('[data-test=score-21-1] input').setValue('9')
    await wrapper.get('[data-test=score-21-2] input').setValue('5')
    await wrapper.get('[data-test=sheet-21] form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-test=sheet-error]').text()).toContain('评分已关闭')
  })
})
