import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { Schemas } from '@/api/client'
import { apiError, mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { formErrorsShown, mountWithApp } from '@/test/mount'
import { TREES } from '../testing'
import MentorProfilePage from './MentorProfilePage.vue'

type Wrapper = Awaited<ReturnType<typeof mountWithApp>>['wrapper']

function errorOf(wrapper: Wrapper, field: string) {
  const error = wrapper.get(`[data-test=field-${field}]`).find('.el-form-item__error')
  return error.exists() ? error.text() : ''
}

const profile: Schemas['Mentor'] = {
  id: 4,
  user: 9,
  name: '周明哲',
  title: '研究员',
  affiliation: '长春光机所',
  bio: '',
  expertise: ['光学设计'],
  industries: [11],
  region: 2,
  region_name: '长春市',
  capacity: 5,
  appointed_year: 2021,
  active: true,
}

describe('MentorProfilePage', () => {
  it('creates the profile, then shows it as the mentor’s own', async () => {
    const before = makeMe({ id: 9, roles: ['mentor'], mentor_profile: null })
    const after = { ...before, mentor_profile: 4 }
    const { calls } = mockFetch({
      ...TREES,
      'POST /api/mentors': { status: 201, body: profile },
      'GET /api/auth/me': { body: after },
      'GET /api/mentors/4': { body: profile },
    })
    const { wrapper, auth } = await mountWithApp(MentorProfilePage, { at: '/mentor-profile', me: before })
    expect(wrapper.find('[data-test=mentor-create-hint]').exists()).toBe(true)

    await wrapper.get('[data-test=mentor-title]').setValue(' 研究员 ')
    await wrapper.get('[data-test=mentor-affiliation]').setValue('长春光机所')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    const post = calls.find((c) => c.method === 'POST')
    expect(post?.body).toMatchObject({ title: '研究员', affiliation: '长春光机所', capacity: 3, active: true, region: null })
    expect(auth.me?.mentor_profile).toBe(4)
    expect(wrapper.find('[data-test=mentor-create-hint]').exists()).toBe(false)
    expect(wrapper.get('[data-test=mentor-public]').attributes('href')).toBe('/directory/mentors/4')
    expect((wrapper.get('[data-test=mentor-title]').element as HTMLInputElement).value).toBe('研究员')
  })

  it('edits the existing profile and shows field errors on their fields', async () => {
    const me = makeMe({ id: 9, roles: ['mentor'], mentor_profile: 4 })
    const { calls } = mockFetch({
      ...TREES,
      'GET /api/mentors/4': { body: profile },
      'PATCH /api/mentors/4': apiError(400, '输入有误 · Invalid input.', { capacity: ['请确保该值小于或等于 100。'] }),
    })
    const { wrapper } = await mountWithApp(MentorProfilePage, { at: '/mentor-profile', me })

    expect((wrapper.get('[data-test=mentor-affiliation]').element as HTMLInputElement).value).toBe('长春光机所')
    await wrapper.get('[data-test=mentor-bio]').setValue('二十年光学系统设计经验。')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    await formErrorsShown()

    expect(calls.find((c) => c.method === 'PATCH')?.body).toMatchObject({
      bio: '二十年光学系统设计经验。',
      expertise: ['光学设计'],
      industries: [11],
      region: 2,
    })
    expect(errorOf(wrapper, 'capacity')).toBe('请确保该值小于或等于 100。')
    expect(errorOf(wrapper, 'bio')).toBe('')
  })
})
