import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { makeMe } from '@/test/factories'
import { mountWithApp } from '@/test/mount'
import { navFor } from '@/router/nav'
import AppHeader from './AppHeader.vue'

function navKeys(wrapper: Awaited<ReturnType<typeof mountWithApp>>['wrapper']) {
  return wrapper.get('[data-test=nav]').findAll('[data-test^=nav-]').map((a) => a.attributes('data-test'))
}

describe('AppHeader', () => {
  it('offers login and sign-up to visitors, without navigation', async () => {
    const { wrapper } = await mountWithApp(AppHeader, { at: '/login' })

    expect(navKeys(wrapper)).toEqual([])
    expect(wrapper.find('[data-test=nav-login]').exists()).toBe(true)
    expect(wrapper.find('[data-test=user-menu]').exists()).toBe(false)
  })

  it("shows the navigation of the user's roles and the user menu", async () => {
    const { wrapper } = await mountWithApp(AppHeader, { me: makeMe({ name: '周导师', roles: ['mentor'] }) })

    // Exactly the mentor's entries (areas add theirs), never an admin's.
    const keys = navKeys(wrapper)
    expect(keys).toEqual(navFor(['mentor']).map((i) => `nav-${i.key}`))
    expect(keys).toEqual(expect.arrayContaining(['nav-home', 'nav-directory', 'nav-mentor-profile']))
    expect(keys).not.toContain('nav-admin-site')
    expect(wrapper.get('[data-test=current-user]').text()).toBe('周导师')
    expect(wrapper.find('[data-test=nav-login]').exists()).toBe(false)
  })

  it('switches the language and remembers it', async () => {
    const { wrapper, i18n } = await mountWithApp(AppHeader, { me: makeMe({ roles: ['startup'] }) })

    await wrapper.get('[data-test=locale-switch]').trigger('click')
    await flushPromises()
    document.querySelector<HTMLElement>('[data-test=locale-en]')!.click()
    await flushPromises()

    expect(i18n.global.locale.value).toBe('en')
    expect(localStorage.getItem('locale')).toBe('en')
    expect(wrapper.get('[data-test=nav-home]').text()).toBe('Home')
  })
})
