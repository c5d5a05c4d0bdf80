import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { FakeSocket } from './fakeSocket'
import { makeMe } from '@/test/factories'
import { mountWithApp } from '@/test/mount'
import NotificationBell from './NotificationBell.vue'

const note = (id: number) => ({
  id,
  kind: 'booking_approved',
  title_zh: '路演申请已通过',
  title_en: 'Pitch booking approved',
  body: '',
  link: '/events/1',
  target_type: 'booking',
  target_id: 3,
  is_read: false,
  read_at: null,
  created_at: '2026-03-01T14:00:00+08:00',
})

describe('NotificationBell', () => {
  beforeEach(() => FakeSocket.reset())

  it('shows the unread count from the server and raises it live', async () => {
    const { wrapper } = await mountWithApp(NotificationBell, { me: makeMe() })
    const server = FakeSocket.last()
    expect(server.url).toBe('ws://localhost:3000/ws/notifications')
    server.open()
    server.frame('notifications', { unread: 2, latest: [note(1), note(2)] })
    await flushPromises()
    expect(wrapper.get('[data-test=unread-count]').attributes('data-count')).toBe('2')

    server.frame('notification', { ...note(3), unread: 3 })
    await flushPromises()
    expect(wrapper.get('[data-test=unread-badge]').text()).toContain('3')

    server.frame('notifications.unread', { unread: 0 })
    await flushPromises()
    expect(wrapper.get('[data-test=unread-count]').attributes('data-count')).toBe('0')
    wrapper.unmount()
  })
})
