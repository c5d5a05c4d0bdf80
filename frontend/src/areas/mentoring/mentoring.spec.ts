import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { mountWithApp } from '@/test/mount'
import en from './messages/en'
import zhCN from './messages/zh-CN'
import FindMentorPage from './pages/FindMentorPage.vue'
import IncomingPage from './pages/IncomingPage.vue'

const page = <T>(results: T[]) => ({ body: { count: results.length, next: null, previous: null, results } })

const request = {
  id: 7,
  startup: { id: 3, name: '长春光迹光电科技有限公司' },
  mentor: { id: 2, user: 9, name: '周明哲', title: '研究员', affiliation: '长春光机所' },
  requested_by_name: '林晓光',
  message: '想请教量产工艺',
  needs: ['产品研发'],
  status: 'pending',
  decline_reason: '',
  created_at: '2026-01-02T10:00:00+08:00',
  decided_at: null,
  mentorship: null,
}

const mentor = {
  id: 2,
  user: 9,
  name: '周明哲',
  title: '研究员',
  affiliation: '长春光机所',
  bio: '光电子技术研发与成果转化',
  expertise: ['光电技术'],
  industry_names: ['光电子'],
  region_name: '长春市',
  capacity: 5,
  active_mentees: 2,
  free_places: 3,
  open_request: false,
  mentoring_me: false,
}

function keys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([k, v]) =>
    typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

describe('mentoring area', () => {
  it('has the same message keys in both languages', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
  })

  it('tells the mentor plainly when an acceptance would pass the capacity (409)', async () => {
    const { calls } = mockFetch({
      'GET /api/mentoring/requests': page([request]),
      'GET /api/mentoring/proposals': page([]),
      'POST /api/mentoring/requests/7/accept': {
        status: 409,
        body: {
          message: '导师名额已满（5/5）· The mentor has no free place (5 of 5).',
          code: 'mentor_full',
          errors: {},
          capacity: 5,
          active: 5,
        },
      },
    })
    const { wrapper } = await mountWithApp(IncomingPage, {
      at: '/mentoring/incoming',
      me: makeMe({ roles: ['mentor'], mentor_profile: 2 }),
    })
    await flushPromises()

    await wrapper.get('[data-test=incoming-7] [data-test=accept]').trigger('click')
    await flushPromises()

    const notice = wrapper.get('[data-test=capacity-full]')
    expect(notice.text()).toContain('名额已满')
    expect(notice.text()).toContain('5/5')
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/mentoring/requests/7/accept'])
    // The request stays in the list to answer later.
    expect(wrapper.find('[data-test=incoming-7]').exists()).toBe(true)
  })

  it('asks a mentor for mentoring on behalf of my startup', async () => {
    const { calls } = mockFetch({
      'GET /api/mentoring/mentors': page([mentor]),
      'POST /api/mentoring/requests': { status: 201, body: { ...request } },
    })
    const me = makeMe({
      roles: ['startup'],
      organisations: [{ id: 3, name: '长春光迹光电科技有限公司', kind: 'startup', role: 'owner' }],
    })
    const { wrapper } = await mountWithApp(FindMentorPage, { at: '/mentoring/find', me })
    await flushPromises()

    expect(wrapper.get('[data-test=mentor-2] [data-test=mentor-places]').text()).toContain('3')
    await wrapper.get('[data-test=mentor-2] [data-test=ask]').trigger('click')
    await flushPromises()
    const dialog = document.querySelector<HTMLElement>('[data-test=ask-dialog]')!
    const textarea = dialog.querySelector<HTMLTextAreaElement>('textarea[data-test=ask-message]')!
    textarea.value = '想请教量产工艺'
    textarea.dispatchEvent(new Event('input'))
    dialog.querySelector<HTMLElement>('[data-test=ask-submit]')!.click()
    await flushPromises()

    const post = calls.find((c) => c.method === 'POST')!
    expect(post.path).toBe('/api/mentoring/requests')
    expect(post.body).toEqual({ startup: 3, mentor: 2, message: '想请教量产工艺', needs: [] })
  })
})
