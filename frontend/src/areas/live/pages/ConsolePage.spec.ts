import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { FakeSocket } from '@/live/fakeSocket'
import { makeMe } from '@/test/factories'
import { mountWithApp } from '@/test/mount'
import { onStage, snapshot } from '../fixtures'
import ConsolePage from './ConsolePage.vue'

async function mountConsole() {
  const mounted = await mountWithApp(ConsolePage, {
    me: makeMe({ roles: ['organizer'] }),
    props: { eventId: 7 },
    at: '/live/7/console',
  })
  const server = FakeSocket.last()
  server.open()
  server.frame('snapshot', snapshot())
  await flushPromises()
  return { ...mounted, server }
}

describe('ConsolePage', () => {
  beforeEach(() => FakeSocket.reset())
  afterEach(() => FakeSocket.reset())

  it('joins the console of the event and shows the stored state', async () => {
    const { wrapper, server } = await mountConsole()
    expect(server.url).toBe('ws://localhost:3000/ws/events/7/live?view=console')
    expect(wrapper.get('[data-test=link-status]').attributes('data-status')).toBe('open')
    expect(wrapper.get('[data-test=phase]').attributes('data-phase')).toBe('idle')
    expect(wrapper.get('[data-test=checked-in]').text()).toContain('10')
    expect(wrapper.findAll('[data-test=programme] .el-table__row')).toHaveLength(3)
  })

  it('sends commands and follows the pushed state', async () => {
    const { wrapper, server } = await mountConsole()
    await wrapper.get('[data-test=cmd-start]').trigger('click')
    expect(server.sent.at(-1)).toMatchObject({ type: 'command', command: 'start' })
    server.frame('ack', { ref: server.sent.at(-1)!.ref, version: 1 })
    server.frame('room', onStage(1, 1))
    await flushPromises()
    expect(wrapper.get('[data-test=current-startup]').text()).toBe('路演企业1')
    expect(wrapper.get('[data-test=countdown]').text()).toMatch(/^[78]:\d\d$/)

    await wrapper.get('[data-test=cmd-next]').trigger('click')
    expect(server.sent.at(-1)).toMatchObject({ command: 'next' })
    server.frame('room', onStage(2, 2))
    // A state older than the one shown (delivered late) is ignored.
    server.frame('room', onStage(1, 1))
    await flushPromises()
    expect(wrapper.get('[data-test=current]').attributes('data-booking')).toBe('102')
  })

  it('updates the check-in counter and the moderation queue live', async () => {
    const { wrapper, server } = await mountConsole()
    server.frame('counts', { registered: 40, waiting: 2, checked_in: 11, capacity: 50, seq: 5 })
    const question = { id: 9, text: '毛利率？', status: 'pending', author_name: '观众', booking: null, created_at: '' }
    server.frame('pending', { items: [question], seq: 5 })
    await flushPromises()
    expect(wrapper.get('[data-test=checked-in]').text()).toContain('11')

    await wrapper.get('[data-test=approve-9]').trigger('click')
    expect(server.sent.at(-1)).toMatchObject({ type: 'question.moderate', question: 9, action: 'approve' })
  })

  it('says why when the server refuses the console', async () => {
    const { wrapper } = await mountWithApp(ConsolePage, {
      me: makeMe({ roles: ['organizer'] }),
      props: { eventId: 7 },
      at: '/live/7/console',
    })
    FakeSocket.last().open()
    FakeSocket.last().serverClose(4403)
    await flushPromises()
    expect(wrapper.get('[data-test=link-refused]').text()).toContain('仅本活动的组织者可进入控制台')
    expect(wrapper.find('[data-test=cmd-start]').exists()).toBe(false)
  })
})
