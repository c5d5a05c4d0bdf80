import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { apiError, mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { mountWithApp } from '@/test/mount'
import GlobalSearch from './GlobalSearch.vue'

const me = makeMe({ roles: ['investor'] })
const none = { carriers: [], startups: [], investors: [], banks: [], loan_products: [], mentors: [] }
const found = {
  ...none,
  query: '光电',
  carriers: [{ id: 1, type: 'carrier', name: '吉林省光电子产业孵化器', snippet: '打造光电信息产业集群' }],
  startups: [
    { id: 7, type: 'startup', name: '长春光迹光电科技有限公司', snippet: '' },
    { id: 8, type: 'startup', name: '长春煜能光电科技股份有限公司', snippet: '' },
  ],
  loan_products: [{ id: 3, type: 'loan_product', name: '吉林银行 · 创客贷', snippet: '' }],
}

async function typeIn(wrapper: Awaited<ReturnType<typeof mountWithApp>>['wrapper'], text: string) {
  const input = wrapper.get('input[data-test=global-search]')
  await input.trigger('focus')
  await input.setValue(text)
  await new Promise((resolve) => setTimeout(resolve, 30)) // the debounce (delay 10 in specs)
  await flushPromises()
}

async function mountSearch() {
  return mountWithApp(GlobalSearch, { me, props: { delay: 10 } })
}

describe('GlobalSearch', () => {
  it('shows the hits grouped by type, each linking to its page', async () => {
    const { calls } = mockFetch({ 'GET /api/search': { body: found } })
    const { wrapper } = await mountSearch()

    await typeIn(wrapper, '光电')

    expect(calls.at(-1)?.query.get('q')).toBe('光电')
    const groups = wrapper.findAll('[data-test^=search-group-]').map((g) => g.attributes('data-test'))
    expect(groups).toEqual(['search-group-carriers', 'search-group-startups', 'search-group-loan_products'])
    const carriers = wrapper.get('[data-test=search-group-carriers]')
    expect(carriers.text()).toContain('孵化载体')
    expect(carriers.get('a').attributes('href')).toBe('/directory/carriers/1')
    expect(wrapper.get('[data-test=search-group-startups] a').attributes('href')).toBe('/organisations/7')
    expect(wrapper.get('[data-test=search-group-loan_products] a').attributes('href')).toBe('/directory/loan-products/3')
  })

  it('searches only once the typing pauses', async () => {
    const { calls } = mockFetch({ 'GET /api/search': { body: found } })
    const { wrapper } = await mountSearch()
    const input = wrapper.get('input[data-test=global-search]')

    await input.trigger('focus')
    await input.setValue('光')
    await input.setValue('光电')
    await new Promise((resolve) => setTimeout(resolve, 30))
    await flushPromises()

    expect(calls.filter((c) => c.path === '/api/search').map((c) => c.query.get('q'))).toEqual(['光电'])
  })

  it('says when nothing matches', async () => {
    mockFetch({ 'GET /api/search': { body: { ...none, query: '量子纠缠' } } })
    const { wrapper } = await mountSearch()

    await typeIn(wrapper, '量子纠缠')

    expect(wrapper.get('[data-test=search-empty]').text()).toBe('没有找到与“量子纠缠”相关的结果')
  })

  it('shows a failure', async () => {
    mockFetch({ 'GET /api/search': apiError(500, '') })
    const { wrapper } = await mountSearch()

    await typeIn(wrapper, '光电')

    expect(wrapper.get('[data-test=search-error]').text()).toContain('服务器出错了')
  })

  it('opens the hit chosen with the arrow keys, or all results on Enter', async () => {
    mockFetch({ 'GET /api/search': { body: found } })
    const { wrapper, router } = await mountSearch()
    await typeIn(wrapper, '光电')
    const input = wrapper.get('input[data-test=global-search]')

    await input.trigger('keydown', { key: 'ArrowDown' })
    await input.trigger('keydown', { key: 'ArrowDown' })
    expect(wrapper.get('.hit.active').text()).toContain('长春光迹光电科技有限公司')
    await input.trigger('keydown', { key: 'Enter' })
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/organisations/7'))
    expect(wrapper.find('[data-test=search-panel]').exists()).toBe(false)

    await input.trigger('focus')
    await input.trigger('keydown', { key: 'Enter' })
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('directory-search'))
    expect(router.currentRoute.value.query.q).toBe('光电')
  })

  it('closes on Escape', async () => {
    mockFetch({ 'GET /api/search': { body: found } })
    const { wrapper } = await mountSearch()
    await typeIn(wrapper, '光电')

    await wrapper.get('input[data-test=global-search]').trigger('keydown', { key: 'Escape' })

    expect(wrapper.find('[data-test=search-panel]').exists()).toBe(false)
  })
})
