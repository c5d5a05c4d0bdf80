import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createAppI18n } from '@/i18n'
import FilterBar, { type FilterField } from './FilterBar.vue'

const fields: FilterField[] = [
  { key: 'q', label: '关键词' },
  { key: 'stage', label: '阶段', type: 'select', options: [{ value: 'seed', label: '种子期' }] },
]

function mountBar(modelValue = { q: '', stage: '' }) {
  return mount(FilterBar, {
    props: { fields, modelValue },
    global: { plugins: [createAppI18n('zh-CN'), ElementPlus] },
  })
}

describe('FilterBar', () => {
  it('emits all values when the search is submitted', async () => {
    const wrapper = mountBar()

    await wrapper.get('input[data-test=filter-q]').setValue('光电子')
    await wrapper.get('form').trigger('submit')

    expect(wrapper.emitted('apply')).toEqual([[{ q: '光电子', stage: '' }]])
  })

  it('shows the values in force when they change from outside (back button)', async () => {
    const wrapper = mountBar({ q: 'a', stage: '' })

    await wrapper.setProps({ modelValue: { q: '芯片', stage: 'seed' } })

    expect((wrapper.get('input[data-test=filter-q]').element as HTMLInputElement).value).toBe('芯片')
  })

  it('emits reset', async () => {
    const wrapper = mountBar({ q: 'a', stage: 'seed' })

    await wrapper.get('[data-test=filter-reset]').trigger('click')

    expect(wrapper.emitted('reset')).toHaveLength(1)
    expect(wrapper.emitted('apply')).toBeUndefined()
  })

  it('offers a tree of options for a tree field (regions, industries)', async () => {
    const wrapper = mount(FilterBar, {
      props: {
        fields: [
          {
            key: 'region',
            label: '地区',
            type: 'tree',
            options: [{ value: '1', label: '吉林省', children: [{ value: '2', label: '长春市' }] }],
          },
        ],
        modelValue: { region: '2' },
      },
      global: { plugins: [createAppI18n('zh-CN'), ElementPlus] },
    })

    await flushPromises()

    // The value in force shows by its label, even below the top level.
    expect(wrapper.get('[data-test=filter-bar]').text()).toContain('长春市')
  })

  it('labels each control', () => {
    const wrapper = mountBar()

    expect(wrapper.findAll('.el-form-item__label').map((l) => l.text())).toEqual(['关键词', '阶段'])
  })
})
