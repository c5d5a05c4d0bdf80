import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { apiError, mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { mountWithApp } from '@/test/mount'
import { general, makeStartup, page, TREES } from '../testing'
import OrganisationPage from './OrganisationPage.vue'

const owner = () =>
  makeMe({ roles: ['startup'], organisations: [{ id: 7, name: '长春光迹光电科技有限公司', kind: 'startup', role: 'owner' }] })

function mountPage(me = owner()) {
  return mountWithApp(OrganisationPage, { at: '/organisations/7', me, props: { id: 7 } })
}

describe('OrganisationPage', () => {
  it("shows a startup's profile, its confidential figures and the edit button to a member", async () => {
    const startup = makeStartup({ revenue: '4200000.00', net_profit: '-650000.00', valuation: null, rd_expense: null, cap_table_notes: '' })
    mockFetch({
      ...TREES,
      'GET /api/organisations/7': { body: general(startup) },
      'GET /api/startups/7': { body: startup },
      'GET /api/organisations/7/members': page([{ id: 1, user: 5, name: '林晓光', role: 'owner', created_at: '2025-01-01T09:00:00+08:00' }]),
    })
    const { wrapper } = await mountPage()

    const profile = wrapper.get('[data-test=organisation-page]')
    expect(profile.get('[data-test=organisation-name]').text()).toBe('长春光迹光电科技有限公司')
    expect(profile.get('[data-test=my-role]').text()).toContain('负责人')
    expect(profile.get('[data-test=organisation-stage]').text()).toBe('初创期')
    expect(profile.text()).toContain('吉林省 / 长春市')
    expect(profile.text()).toContain('光电子')
    expect(profile.text()).toContain('科技型中小企业')
    const confidential = profile.get('[data-test=organisation-confidential]')
    expect(confidential.text()).toContain('420 万元')
    expect(confidential.text()).toContain('-65 万元')
    expect(profile.get('[data-test=organisation-edit]').attributes('href')).toBe('/organisations/7/edit')
    expect(profile.get('[data-test=organisation-members]').text()).toContain('林晓光')
  })

  it('shows no edit button, no confidential figures and no members to others', async () => {
    const startup = makeStartup() // the API leaves the confidential fields out
    const { calls } = mockFetch({
      ...TREES,
      'GET /api/organisations/7': { body: general(startup) },
      'GET /api/startups/7': { body: startup },
    })
    const { wrapper } = await mountPage(makeMe({ roles: ['investor'] }))

    expect(wrapper.get('[data-test=organisation-name]').text()).toBe('长春光迹光电科技有限公司')
    expect(wrapper.find('[data-test=organisation-edit]').exists()).toBe(false)
    expect(wrapper.find('[data-test=organisation-confidential]').exists()).toBe(false)
    expect(wrapper.find('[data-test=my-role]').exists()).toBe(false)
    expect(calls.some((c) => c.path.endsWith('/members'))).toBe(false)
  })

  it('lets a platform admin edit any organisation', async () => {
    const startup = makeStartup()
    mockFetch({
      ...TREES,
      'GET /api/organisations/7': { body: general(startup) },
      'GET /api/startups/7': { body: startup },
      'GET /api/organisations/7/members': page([]),
    })
    const { wrapper } = await mountPage(makeMe({ roles: [], is_platform_admin: true }))

    expect(wrapper.find('[data-test=organisation-edit]').exists()).toBe(true)
  })

  it('shows the generic facts of a startup whose profile was never set up', async () => {
    const startup = makeStartup()
    mockFetch({
      ...TREES,
      'GET /api/organisations/7': { body: general(startup) },
      'GET /api/startups/7': apiError(404, '未找到。', {}, 'not_found'),
      'GET /api/organisations/7/members': page([]),
    })
    const { wrapper } = await mountPage()

    expect(wrapper.get('[data-test=organisation-name]').text()).toBe('长春光迹光电科技有限公司')
    expect(wrapper.find('[data-test=organisation-stage]').exists()).toBe(false)
    expect(wrapper.text()).toContain('该机构的详细档案尚未建立')
  })

  it('says so when there is no such organisation', async () => {
    mockFetch({ ...TREES, 'GET /api/organisations/7': apiError(404, '未找到。', {}, 'not_found') })
    const { wrapper } = await mountPage()

    expect(wrapper.get('[data-test=detail-not-found]').text()).toContain('没有找到这家机构')
  })

  it('offers a retry when loading fails', async () => {
    let fail = true
    const startup = makeStartup()
    mockFetch({
      ...TREES,
      'GET /api/organisations/7': () => (fail ? apiError(503, '') : { body: general(startup) }),
      'GET /api/startups/7': { body: startup },
      'GET /api/organisations/7/members': page([]),
    })
    const { wrapper } = await mountPage()
    expect(wrapper.get('[data-test=detail-error]').text()).toContain('服务器出错了')

    fail = false
    await wrapper.get('[data-test=detail-retry]').trigger('click')
    await flushPromises()

    expect(wrapper.get('[data-test=organisation-name]').text()).toBe('长春光迹光电科技有限公司')
  })
})
