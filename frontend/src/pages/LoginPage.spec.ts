import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { apiError, mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { formErrorsShown, mountWithApp } from '@/test/mount'
import LoginPage from './LoginPage.vue'

async function fillAndSubmit(wrapper: Awaited<ReturnType<typeof mountWithApp>>['wrapper'], login: string, pw: string) {
  await wrapper.find('input[name=login]').setValue(login)
  await wrapper.find('input[name=password]').setValue(pw)
  await wrapper.find('form').trigger('submit')
  await flushPromises()
}

describe('LoginPage', () => {
  it('shows the API message for a wrong password and stays', async () => {
    mockFetch({ 'POST /api/auth/login': apiError(400, '账号或密码错误 · Wrong account or password.', {}, 'invalid_login') })
    const { wrapper, router } = await mountWithApp(LoginPage, { at: '/login' })

    await fillAndSubmit(wrapper, 'a@example.com', 'wrong')

    expect(wrapper.get('[data-test=login-error]').text()).toBe('账号或密码错误')
    expect(router.currentRoute.value.name).toBe('login')
  })

  it('shows field errors on their form items', async () => {
    mockFetch({
      'POST /api/auth/login': apiError(400, '输入有误 · Invalid input.', { password: ['该字段不能为空。'] }),
    })
    const { wrapper } = await mountWithApp(LoginPage, { at: '/login' })

    await fillAndSubmit(wrapper, 'a@example.com', ' ')
    await formErrorsShown()

    const items = wrapper.findAll('.el-form-item')
    expect(items[1].find('.el-form-item__error').text()).toBe('该字段不能为空。')
    expect(items[0].find('.el-form-item__error').exists()).toBe(false)
  })

  it('says to slow down when locked out', async () => {
    mockFetch({
      'POST /api/auth/login': apiError(429, '登录失败次数过多，请稍后再试 · Too many failed logins; try again later.', {}, 'locked_out'),
    })
    const { wrapper } = await mountWithApp(LoginPage, { at: '/login', locale: 'en' })

    await fillAndSubmit(wrapper, 'a@example.com', 'x')

    expect(wrapper.get('[data-test=login-error]').text()).toBe('Too many failed logins; try again later.')
  })

  it('goes to the page in ?next= after logging in, but never off the site', async () => {
    mockFetch({ 'POST /api/auth/login': { body: makeMe({ roles: ['startup'] }) } })
    const inside = await mountWithApp(LoginPage, { at: '/login?next=/account' })
    await fillAndSubmit(inside.wrapper, 'a@example.com', 'pw')
    // Pages load lazily: the navigation ends after the page's chunk is imported.
    await vi.waitFor(() => expect(inside.router.currentRoute.value.fullPath).toBe('/account'))

    const outside = await mountWithApp(LoginPage, { at: '/login?next=//evil.example/x' })
    await fillAndSubmit(outside.wrapper, 'a@example.com', 'pw')
    await vi.waitFor(() => expect(outside.router.currentRoute.value.name).toBe('home'))
    expect(outside.router.currentRoute.value.fullPath).toBe('/')
  })

  it('asks for both fields before calling the API', async () => {
    const { calls } = mockFetch({})
    const { wrapper } = await mountWithApp(LoginPage, { at: '/login' })

    await wrapper.find('form').trigger('submit')
    await flushPromises()

    await formErrorsShown()

    expect(calls).toHaveLength(0)
    expect(wrapper.text()).toContain('请填写邮箱或手机号')
  })
})
