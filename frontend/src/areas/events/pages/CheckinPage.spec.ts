import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { apiError, mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { mountWithApp } from '@/test/mount'
import { makeEvent, makeRegistration } from '../test/factories'
import CheckinPage from './CheckinPage.vue'

const organizer = makeMe({ roles: ['organizer'] })
let mounted: VueWrapper | null = null
afterEach(() => mounted?.unmount()) // stops the counts poll

function counts(checkedIn: number) {
  return { body: { registered: 2, waiting: 0, checked_in: checkedIn, capacity: 2 } }
}

async function open(routes: Parameters<typeof mockFetch>[0]) {
  const net = mockFetch({ 'GET /api/events/5': { body: makeEvent({ can_manage: true }) }, ...routes })
  const { wrapper } = await mountWithApp(CheckinPage, { me: organizer, at: '/events/5/checkin', props: { id: 5 } })
  mounted = wrapper
  return { wrapper, net }
}

describe('CheckinPage', () => {
  it('checks in a typed token, names the person and refreshes the counts', async () => {
    let checkedIn = 0
    const { wrapper, net } = await open({
      'GET /api/events/5/counts': () => counts(checkedIn),
      'POST /api/events/5/checkin': () => {
        checkedIn = 1
        const registration = makeRegistration({ checked_in_at: '2099-11-12T13:55:00+08:00' })
        return { body: { registration, already_checked_in: false, message: '签到成功 · Checked in: 赵创业' } }
      },
    })
    expect(wrapper.get('[data-test=count-checked-in]').text()).toContain('0')

    await wrapper.get('input[data-test=checkin-input]').setValue('  5:9:abc ')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(net.calls.find((c) => c.method === 'POST')?.body).toEqual({ token: '5:9:abc' })
    const result = wrapper.get('[data-test=checkin-result]')
    expect(result.text()).toContain('签到成功')
    expect(result.text()).toContain('赵创业')
    expect(wrapper.find('.el-alert--success').exists()).toBe(true)
    expect(wrapper.get('[data-test=count-checked-in]').text()).toContain('1')
    expect((wrapper.get('input[data-test=checkin-input]').element as HTMLInputElement).value).toBe('')
  })

  it('shows why a token is refused and keeps it for correcting', async () => {
    const { wrapper } = await open({
      'GET /api/events/5/counts': counts(0),
      'POST /api/events/5/checkin': apiError(400, '签到码无效 · Invalid check-in code.', {
        token: ['该签到码不属于本活动 · This code is for another event.'],
      }),
    })

    await wrapper.get('input[data-test=checkin-input]').setValue('7:1:zzz')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    const result = wrapper.get('[data-test=checkin-result]')
    expect(result.text()).toContain('该签到码不属于本活动')
    expect(wrapper.find('.el-alert--error').exists()).toBe(true)
    expect((wrapper.get('input[data-test=checkin-input]').element as HTMLInputElement).value).toBe('7:1:zzz')
  })
})
