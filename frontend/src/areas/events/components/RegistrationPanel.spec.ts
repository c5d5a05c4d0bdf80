import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { apiError, mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { mountWithApp } from '@/test/mount'
import { makeEvent, makeRegistration } from '../test/factories'
import RegistrationPanel from './RegistrationPanel.vue'

const me = makeMe({ roles: ['startup'] })
const notRegistered = apiError(404, '未找到。', {}, 'not_found')

describe('RegistrationPanel', () => {
  it('registers and shows the QR code of the check-in token', async () => {
    const net = mockFetch({
      'GET /api/events/5/registrations/mine': notRegistered,
      'POST /api/events/5/registrations': { status: 201, body: makeRegistration({ token: '5:9:abc' }) },
    })
    const { wrapper } = await mountWithApp(RegistrationPanel, { me, props: { event: makeEvent() } })

    await wrapper.get('[data-test=register]').trigger('click')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 20)) // the QR code renders asynchronously
    await flushPromises()

    expect(net.calls.map((c) => `${c.method} ${c.path}`)).toContain('POST /api/events/5/registrations')
    expect(wrapper.get('[data-test=registration-status]').text()).toContain('已报名')
    expect(wrapper.get('[data-test=checkin-token]').text()).toBe('5:9:abc')
    expect(wrapper.find('[data-test=qr-code] svg').exists()).toBe(true)
  })

  it('offers the waiting list when full and tells the position', async () => {
    mockFetch({
      'GET /api/events/5/registrations/mine': notRegistered,
      'POST /api/events/5/registrations': {
        status: 201,
        body: makeRegistration({ status: 'waiting', waiting_position: 3 }),
      },
    })
    const event = makeEvent({ confirmed_count: 2, capacity: 2, waiting_count: 2 })
    const { wrapper } = await mountWithApp(RegistrationPanel, { me, props: { event } })

    expect(wrapper.get('[data-test=register]').text()).toBe('加入候补')
    await wrapper.get('[data-test=register]').trigger('click')
    await flushPromises()

    expect(wrapper.get('[data-test=waiting-position]').text()).toBe('候补第 3 位')
    expect(wrapper.find('[data-test=qr-code]').exists()).toBe(false)
  })

  it('shows a 409 in the interface language', async () => {
    mockFetch({
      'GET /api/events/5/registrations/mine': notRegistered,
      'POST /api/events/5/registrations': apiError(409, '当前不在报名时间内 · Registration is not open.', {}, 'conflict'),
    })
    const { wrapper } = await mountWithApp(RegistrationPanel, { me, props: { event: makeEvent() }, locale: 'en' })

    await wrapper.get('[data-test=register]').trigger('click')
    await flushPromises()

    expect(wrapper.get('[data-test=registration-error]').text()).toContain('Registration is not open.')
  })

  it('says when registration opens and keeps roles out that may not register', async () => {
    mockFetch({ 'GET /api/events/5/registrations/mine': notRegistered })
    const later = makeEvent({ registration_opens: '2099-11-01T09:00:00+08:00' })
    const { wrapper } = await mountWithApp(RegistrationPanel, { me, props: { event: later } })
    expect(wrapper.get('[data-test=registration-not-yet]').text()).toContain('2099-11-01 09:00')
    expect(wrapper.find('[data-test=register]').exists()).toBe(false)

    const banksOnly = makeEvent({ allowed_roles: ['bank'] })
    const second = await mountWithApp(RegistrationPanel, { me, props: { event: banksOnly } })
    expect(second.wrapper.get('[data-test=registration-role]').text()).toContain('银行人员')
  })
})
