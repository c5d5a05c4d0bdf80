import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { mountWithApp } from '@/test/mount'
import { makeCarrier, page, TREES } from '../testing'
import CarrierListPage from './CarrierListPage.vue'

const me = makeMe({ roles: ['bank'] })

describe('CarrierListPage', () => {
  it('asks the API with the filters in the URL and shows the carriers', async () => {
    const { calls } = mockFetch({
      ...TREES,
      'GET /api/carriers': page([makeCarrier(), makeCarrier({ id: 2, name: '长春北湖众创空间', kind: 'maker_space', latest_grade: null })], 41),
    })
    const { wrapper } = await mountWithApp(CarrierListPage, {
      me,
      at: '/directory/carriers?kind=incubator&kind=maker_space&region=1&grade=A&page=2',
    })

    const query = calls.find((c) => c.path === '/api/carriers')!.query
    expect(query.getAll('kind')).toEqual(['incubator', 'maker_space'])
    expect(query.get('region')).toBe('1')
    expect(query.get('grade')).toBe('A')
    expect(query.get('page')).toBe('2')
    const rows = wrapper.findAll('[data-test=result-row]')
    expect(rows).toHaveLength(2)
    expect(rows[0].get('[data-test=result-title]').attributes('href')).toBe('/directory/carriers/1')
    expect(rows[0].text()).toContain('科技企业孵化器')
    expect(rows[0].text()).toContain('国家级')
    expect(rows[0].get('[data-test=carrier-grade]').text()).toBe('A 优秀')
    expect(rows[0].text()).toContain('15,200 平方米')
    expect(rows[0].text()).toContain('160 万元')
    expect(rows[0].text()).toContain('光电子')
    expect(rows[1].find('[data-test=carrier-grade]').exists()).toBe(false)
    expect(wrapper.get('.el-pagination').text()).toContain('41')
  })

  it('explains an empty result and resets the filters', async () => {
    const { calls } = mockFetch({ ...TREES, 'GET /api/carriers': page([]) })
    const { wrapper, router } = await mountWithApp(CarrierListPage, { me, at: '/directory/carriers?level=national&q=量子' })

    const empty = wrapper.get('[data-test=list-empty]')
    expect(empty.text()).toContain('没有符合条件的孵化载体')
    await empty.get('button').trigger('click')
    await flushPromises()

    expect(router.currentRoute.value.fullPath).toBe('/directory/carriers')
    expect(calls.filter((c) => c.path === '/api/carriers').at(-1)!.query.toString()).toBe('page=1&page_size=20')
  })
})
