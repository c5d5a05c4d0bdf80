import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { apiError, mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { formErrorsShown, mountWithApp } from '@/test/mount'
import { makeEvent } from '../test/factories'
import EventEditorPage from './EventEditorPage.vue'

const organizer = makeMe({
  roles: ['organizer'],
  organisations: [{ id: 1, name: '邢台市科学技术局', kind: 'bureau', role: 'member' }] as never,
})
const room = {
  id: 4,
  carrier: { id: 2, name: '邢台市创新创业中心', kind: 'incubator', address: '', region: { id: 1, name: '邢台市', path: '/1/' } },
  name: '一号路演厅',
  capacity: 120,
}
const editing = makeEvent({
  id: 5,
  can_manage: true,
  status: 'draft',
  room: room as never,
  title: '光电子沙龙',
  starts: '2099-11-12T14:00:00+08:00',
  ends: '2099-11-12T16:00:00+08:00',
})

function network(patch: Parameters<typeof mockFetch>[0][string]) {
  return mockFetch({
    'GET /api/events/5': { body: editing },
    'GET /api/events': { body: { count: 0, results: [] } },
    'GET /api/rooms': { body: { count: 1, results: [room] } },
    'PATCH /api/events/5': patch,
  })
}

describe('EventEditorPage', () => {
  it('sends Shanghai times and the room, and shows the event in the way of a 409', async () => {
    const conflict = { id: 77, title: '月度项目路演', starts: '2099-11-12T15:00:00+08:00', ends: '2099-11-12T17:00:00+08:00', room: 4 }
    const net = network({
      status: 409,
      body: {
        message: '该场地此时段已被占用 · The room is taken at that time.',
        code: 'room_taken',
        errors: { room: ['该场地此时段已被占用 · The room is taken at that time.'] },
        conflicts: [conflict],
        conflict,
      },
    })
    const { wrapper } = await mountWithApp(EventEditorPage, { me: organizer, at: '/events/5/edit', props: { id: 5 } })

    await wrapper.get('form').trigger('submit')
    await flushPromises()
    await formErrorsShown()

    const sent = net.calls.find((c) => c.method === 'PATCH')?.body as Record<string, unknown>
    expect(sent).toMatchObject({ room: 4, online_url: '', starts: '2099-11-12T14:00:00+08:00', ends: '2099-11-12T16:00:00+08:00' })
    expect(sent.organisation).toBeUndefined() // the organiser cannot change
    const notice = wrapper.get('[data-test=room-conflict]')
    expect(notice.text()).toContain('月度项目路演')
    expect(notice.text()).toContain('2099-11-12 15:00–17:00')
    expect(notice.get('a[data-test=conflict-link]').attributes('href')).toBe('/events/77')
  })

  it('puts 400 field messages on their form items', async () => {
    network(
      apiError(400, '输入有误 · Invalid input.', {
        ends: ['结束时间须晚于开始时间 · The end must be after the start.'],
        capacity: ['名额超过场地容量 · Capacity exceeds the room (120)'],
      }),
    )
    const { wrapper } = await mountWithApp(EventEditorPage, { me: organizer, at: '/events/5/edit', props: { id: 5 } })

    await wrapper.get('form').trigger('submit')
    await flushPromises()
    await formErrorsShown()

    const errors = wrapper.findAll('.el-form-item__error').map((e) => e.text())
    expect(errors).toContain('结束时间须晚于开始时间')
    expect(errors).toContain('名额超过场地容量')
    expect(wrapper.get('[data-test=editor-error]').text()).toContain('输入有误')
    expect(wrapper.find('[data-test=room-conflict]').exists()).toBe(false)
  })
})
