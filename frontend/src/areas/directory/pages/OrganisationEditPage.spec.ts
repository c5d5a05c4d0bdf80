import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { apiError, mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { formErrorsShown, mountWithApp } from '@/test/mount'
import { general, makeStartup, TREES } from '../testing'
import OrganisationEditPage from './OrganisationEditPage.vue'

type Wrapper = Awaited<ReturnType<typeof mountWithApp>>['wrapper']

const member = () =>
  makeMe({ roles: ['startup'], organisations: [{ id: 7, name: '长春光迹光电科技有限公司', kind: 'startup', role: 'owner' }] })

function errorOf(wrapper: Wrapper, field: string) {
  const error = wrapper.get(`[data-test=field-${field}]`).find('.el-form-item__error')
  return error.exists() ? error.text() : ''
}

async function mountEdit(me = member()) {
  return mountWithApp(OrganisationEditPage, { at: '/organisations/7/edit', me, props: { id: 7 } })
}

describe('OrganisationEditPage', () => {
  it('sends only the fields that changed, money in CNY, then shows the profile', async () => {
    const startup = makeStartup({ revenue: '12345678.90', net_profit: null, valuation: null, rd_expense: null, cap_table_notes: '' })
    const { calls } = mockFetch({
      ...TREES,
      'GET /api/organisations/7': { body: general(startup) },
      'GET /api/startups/7': { body: startup },
      'PATCH /api/startups/7': { body: startup },
    })
    const { wrapper, router } = await mountEdit()

    expect((wrapper.get('[data-test=edit-revenue]').element as HTMLInputElement).value).toBe('1234.56789')
    await wrapper.get('[data-test=edit-description]').setValue('专注激光雷达。')
    await wrapper.get('[data-test=edit-revenue]').setValue('1500')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    const patch = calls.find((c) => c.method === 'PATCH')
    expect(patch?.path).toBe('/api/startups/7')
    expect(patch?.body).toEqual({ description: '专注激光雷达。', revenue: '15000000' })
    // The profile page loads lazily.
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/organisations/7'))
  })

  it("shows the API's field errors on their fields and stays", async () => {
    const startup = makeStartup({ revenue: null })
    mockFetch({
      ...TREES,
      'GET /api/organisations/7': { body: general(startup) },
      'GET /api/startups/7': { body: startup },
      'PATCH /api/startups/7': apiError(400, '输入有误 · Invalid input.', {
        website: ['请输入合法的URL。'],
        employees: ['请确保该值大于或等于 0。'],
      }),
    })
    const { wrapper, router } = await mountEdit()

    await wrapper.get('[data-test=edit-website]').setValue('不是网址')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    await formErrorsShown()

    expect(errorOf(wrapper, 'website')).toBe('请输入合法的URL。')
    expect(errorOf(wrapper, 'employees')).toBe('请确保该值大于或等于 0。')
    expect(errorOf(wrapper, 'name')).toBe('')
    expect(wrapper.get('[data-test=form-error]').text()).toBe('输入有误')
    expect(router.currentRoute.value.fullPath).toBe('/organisations/7/edit')
  })

  it('says nothing changed without a request', async () => {
    const startup = makeStartup()
    const { calls } = mockFetch({
      ...TREES,
      'GET /api/organisations/7': { body: general(startup) },
      'GET /api/startups/7': { body: startup },
    })
    const { wrapper } = await mountEdit()

    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(0)
    expect(document.body.textContent).toContain('没有需要保存的修改')
  })

  it('tells a non-member they cannot edit, without loading the form', async () => {
    const { calls } = mockFetch({ ...TREES })
    const { wrapper } = await mountEdit(makeMe({ roles: ['startup'] }))

    expect(wrapper.get('[data-test=detail-forbidden]').text()).toContain('你不能编辑这家机构')
    expect(wrapper.find('form').exists()).toBe(false)
    expect(calls.some((c) => c.path.startsWith('/api/organisations'))).toBe(false)
  })

  it('shows the 403 when the API refuses the save (membership ended meanwhile)', async () => {
    const startup = makeStartup()
    mockFetch({
      ...TREES,
      'GET /api/organisations/7': { body: general(startup) },
      'GET /api/startups/7': { body: startup },
      'PATCH /api/startups/7': apiError(403, '您没有执行该操作的权限。', {}, 'permission_denied'),
    })
    const { wrapper } = await mountEdit()

    await wrapper.get('[data-test=edit-name]').setValue('新名字科技有限公司')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(wrapper.get('[data-test=detail-forbidden]').text()).toContain('你不能编辑这家机构')
  })

  it('edits the generic fields of an organisation whose profile was never set up', async () => {
    const startup = makeStartup()
    const { calls } = mockFetch({
      ...TREES,
      'GET /api/organisations/7': { body: general(startup) },
      'GET /api/startups/7': apiError(404, '未找到。', {}, 'not_found'),
      'PATCH /api/organisations/7': { body: general(startup) },
    })
    const { wrapper } = await mountEdit()

    expect(wrapper.find('[data-test=edit-stage]').exists()).toBe(false)
    await wrapper.get('[data-test=edit-website]').setValue('https://guangji.example.cn')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    const patch = calls.find((c) => c.method === 'PATCH')
    expect(patch?.path).toBe('/api/organisations/7')
    expect(patch?.body).toEqual({ website: 'https://guangji.example.cn' })
  })
})
