import { describe, expect, it } from 'vitest'
import type { Role } from '@/api/client'
import { makeMe } from '@/test/factories'
import { mountWithApp } from '@/test/mount'
import HomePage from './HomePage.vue'

const ALL: Role[] = ['startup', 'mentor', 'investor', 'bank', 'organizer', 'admin']

function sections(wrapper: Awaited<ReturnType<typeof mountWithApp>>['wrapper']) {
  return wrapper.findAll('[data-test^=section-]:not([data-test=section-empty])').map((s) => s.attributes('data-test'))
}

describe('HomePage', () => {
  it.each([
    [['startup'] as Role[]],
    [['mentor', 'investor'] as Role[]],
    [['bank', 'organizer'] as Role[]],
    [ALL],
  ])('shows one section per role: %j', async (roles) => {
    const { wrapper } = await mountWithApp(HomePage, { me: makeMe({ roles }) })

    expect(sections(wrapper)).toEqual(roles.map((r) => `section-${r}`))
  })

  it('shows the admin section to a superuser without the admin role', async () => {
    const { wrapper } = await mountWithApp(HomePage, { me: makeMe({ roles: [], is_platform_admin: true }) })

    expect(sections(wrapper)).toEqual(['section-admin'])
    expect(wrapper.get('[data-test=admin-site]').attributes('href')).toBe('/admin/')
  })

  it("lists the startup member's companies, not other kinds, with links", async () => {
    const me = makeMe({
      roles: ['startup'],
      organisations: [
        { id: 7, name: '邢台光电子科技有限公司', kind: 'startup', role: 'owner' },
        { id: 9, name: '邢台银行科技支行', kind: 'bank', role: 'member' },
      ],
    })
    const { wrapper } = await mountWithApp(HomePage, { me })

    const section = wrapper.get('[data-test=section-startup]')
    const orgs = section.findAll('[data-test=organisation]')
    expect(orgs).toHaveLength(1)
    expect(orgs[0].text()).toContain('邢台光电子科技有限公司')
    expect(orgs[0].text()).toContain('负责人')
    expect(orgs[0].get('a').attributes('href')).toBe('/organisations/7')
  })

  it('shows empty states with what to do', async () => {
    const { wrapper } = await mountWithApp(HomePage, { me: makeMe({ roles: ['startup', 'mentor', 'bank'] }) })

    expect(wrapper.get('[data-test=section-startup]').get('[data-test=section-empty]').text()).toContain(
      '你还没有关联的企业',
    )
    expect(wrapper.get('[data-test=section-bank]').get('[data-test=section-empty]').text()).toContain(
      '你还没有关联的银行',
    )
    expect(wrapper.get('[data-test=mentor-create]').attributes('href')).toBe('/mentor-profile')
  })

  it('shows the mentor profile instead of the call to create it when there is one', async () => {
    const { wrapper } = await mountWithApp(HomePage, { me: makeMe({ roles: ['mentor'], mentor_profile: 4 }) })

    expect(wrapper.find('[data-test=mentor-create]').exists()).toBe(false)
    expect(wrapper.find('[data-test=mentor-ready]').exists()).toBe(true)
  })

  it('explains what to do without any role', async () => {
    const { wrapper } = await mountWithApp(HomePage, { me: makeMe({ roles: [] }) })

    expect(sections(wrapper)).toEqual([])
    expect(wrapper.get('[data-test=no-roles]').text()).toContain('请联系平台管理员')
  })
})
