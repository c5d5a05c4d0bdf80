import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { ApiError } from '@/api/errors'
import { withSetup } from '@/test/mount'
import { useFormErrors } from './useFormErrors'

const invalid = new ApiError(400, {
  message: '输入有误 · Invalid input.',
  code: 'invalid',
  errors: {
    email: ['请输入有效的邮箱 · Enter a valid email.'],
    'roles.0': ['"wizard" 不是合法选项 · not a valid choice.'],
    non_field_errors: ['两次密码不一致 · Passwords differ.'],
    region: ['必填 · Required.'],
  },
})

describe('useFormErrors', () => {
  it('puts field messages on the form items, list items on their list', async () => {
    const { result: form } = await withSetup(() => useFormErrors(['email', 'roles'] as const))

    form.show(invalid)

    expect(form.fieldErrors.email).toBe('请输入有效的邮箱')
    expect(form.fieldErrors.roles).toBe('"wizard" 不是合法选项')
  })

  it('keeps messages of keys without a form item in the general message', async () => {
    const { result: form } = await withSetup(() => useFormErrors(['email', 'roles'] as const))

    form.show(invalid)

    expect(form.message).toBe('输入有误 两次密码不一致 region: 必填')
  })

  it('follows the interface language after the error', async () => {
    const { result: form, i18n } = await withSetup(() => useFormErrors(['email'] as const))
    form.show(invalid)

    i18n.global.locale.value = 'en'
    await nextTick()

    expect(form.fieldErrors.email).toBe('Enter a valid email.')
    expect(form.message.startsWith('Invalid input.')).toBe(true)
  })

  it('explains an error without a message by its status', async () => {
    const { result: form } = await withSetup(() => useFormErrors(['email'] as const))

    form.show(new TypeError('Failed to fetch'))

    expect(form.message).toBe('无法连接服务器，请检查网络后重试。')
    form.clear()
    expect(form.message).toBe('')
    expect(form.fieldErrors).toEqual({})
  })
})
