import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { flushPromises } from '@vue/test-utils'
import { makeMe } from '@/test/factories'
import { mountWithApp } from '@/test/mount'
import RulePresetEditor from './RulePresetEditor.vue'

function host(initial: string, dtstart = '2026-11-12T14:00:00') {
  const rule = ref(initial)
  const start = ref(dtstart)
  const Host = defineComponent({
    setup: () => () =>
      h(RulePresetEditor, { modelValue: rule.value, dtstart: start.value, 'onUpdate:modelValue': (v: string) => (rule.value = v) }),
  })
  return { Host, rule, start }
}

describe('RulePresetEditor', () => {
  it('starts with the first date repeated monthly and follows a new first date', async () => {
    const { Host, rule, start } = host('')
    const { wrapper } = await mountWithApp(Host, { me: makeMe({ roles: ['organizer'] }) })
    expect(rule.value).toBe('FREQ=MONTHLY;BYDAY=+2TH;COUNT=12')
    expect(wrapper.get('[data-test=rule-text]').text()).toBe('FREQ=MONTHLY;BYDAY=+2TH;COUNT=12')

    start.value = '2026-12-01T09:00:00' // the first Tuesday
    await flushPromises()
    expect(rule.value).toBe('FREQ=MONTHLY;BYDAY=+1TU;COUNT=12')
  })

  it('keeps a stored rule no preset makes as a custom rule', async () => {
    const { Host, rule } = host('FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=15;COUNT=4')
    const { wrapper } = await mountWithApp(Host, { me: makeMe({ roles: ['organizer'] }) })
    expect(rule.value).toBe('FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=15;COUNT=4')
    expect((wrapper.get('input[data-test=rule-raw]').element as HTMLInputElement).value).toBe(rule.value)

    await wrapper.get('input[data-test=rule-raw]').setValue('FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8')
    await flushPromises()
    expect(rule.value).toBe('FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8')
  })
})
