import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { apiError, mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { formErrorsShown, mountWithApp } from '@/test/mount'
import RegisterPage from './RegisterPage.vue'

type Wrapper = Awaited<ReturnType<typeof mountWithApp>>['wrapper']

function errorOf(wrapper: Wrapper, item: string) {
  const error = wrapper.get(`[data-test=item-${item}]`).find('.el-form-item__error')
  return error.exists() ? error.text() : ''
}

async function fill(wrapper: Wrapper, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) await wrapper.find(`input[name=${name}]`).setValue(value)
}

describe('RegisterPage', () => {
  it('shows each API field error on its own form item', async () => {
    mockFetch({
      'POST /api/auth/register': apiError(400, '输入有误 · Invalid input.', {
        phone: ['请输入有效的手机号 · Enter a valid mobile number.'],
        'roles.0': ['“wizard” 不是合法选项。'],
      }),
    })
    const { wrapper, router } = await mountWithApp(RegisterPage, { at: '/register' })
    await fill(wrapper, { name: '王五', phone: '12345', password: 'long-enough-pw' })

    await wrapper.find('form').trigger('submit')
    await flushPromises()
    await formErrorsShown()

    expect(errorOf(wrapper, 'phone')).toBe('请输入有效的手机号')
    expect(errorOf(wrapper, 'roles')).toBe('“wizard” 不是合法选项。')
    expect(errorOf(wrapper, 'email')).toBe('')
    expect(errorOf(wrapper, 'name')).toBe('')
    expect(wrapper.get('[data-test=register-error]').text()).toBe('输入有误')
    expect(router.currentRoute.value.name).toBe('register')
  })

  it('sends blank contact fields as null with the chosen roles, then goes home logged in', async () => {
    const me = makeMe({ name: '王五', roles: ['mentor', 'startup'] })
    const { calls } = mockFetch({ 'POST /api/auth/register': { status: 201, body: me } })
    const { wrapper, router, auth } = await mountWithApp(RegisterPage, { at: '/register' })
    await fill(wrapper, { name: ' 王五 ', email: 'w@example.com', password: 'long-enough-pw' })
    await wrapper.get('[data-test=role-startup] input').setValue(true)
    await wrapper.get('[data-test=role-mentor] input').setValue(true)

    await wrapper.find('form').trigger('submit')
    await flushPromises()

    expect(calls[0].body).toEqual({
      name: '王五',
      email: 'w@example.com',
      phone: null,
      password: 'long-enough-pw',
      roles: ['startup', 'mentor'],
    })
    expect(auth.me).toEqual(me)
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('home'))
  })

  it('offers only the self-service roles', async () => {
    mockFetch({})
    const { wrapper } = await mountWithApp(RegisterPage, { at: '/register' })

    const roles = wrapper.findAll('[data-test^=role-]').map((el) => el.attributes('data-test'))

    expect(roles).toEqual(['role-startup', 'role-mentor', 'role-investor', 'role-bank'])
  })
})
