import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory } from 'vue-router'
import { api } from '@/api/client'
import { apiError, mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { useAuth } from '@/stores/auth'
import { makeRouter, safeNext } from '.'
import { AREAS } from '@/areas'
import { NAV_ITEMS, navFor } from './nav'

// The core entries; feature areas add theirs (each area's own specs cover them).
const areaKeys = new Set(AREAS.flatMap((area) => (area.nav ?? []).map((item) => item.key)))
const CORE = NAV_ITEMS.filter((item) => !areaKeys.has(item.key))

function setup(me: ReturnType<typeof makeMe> | null) {
  setActivePinia(createPinia())
  const auth = useAuth()
  auth.me = me
  auth.loaded = true
  return { auth, router: makeRouter(createMemoryHistory()) }
}

describe('safeNext', () => {
  it.each([
    ['/account', '/account'],
    ['/organisations/3?tab=x', '/organisations/3?tab=x'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    [undefined, '/'],
    [['/a', '/b'], '/'],
  ])('%j -> %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected)
  })
})

describe('guards', () => {
  it('sends visitors to the login page, remembering where they wanted to go', async () => {
    const { router } = setup(null)

    await router.push('/account')

    expect(router.currentRoute.value.fullPath).toBe('/login?next=/account')
  })

  it('sends logged-in people away from login and register', async () => {
    const { router } = setup(makeMe({ roles: ['startup'] }))

    await router.push('/register')

    expect(router.currentRoute.value.name).toBe('home')
  })

  it('keeps pages for a role from people without it', async () => {
    const { router } = setup(makeMe({ roles: ['startup'] }))

    await router.push('/mentor-profile')
    expect(router.currentRoute.value.name).toBe('home')

    setup(makeMe({ roles: ['mentor'] }))
    const mentorRouter = makeRouter(createMemoryHistory())
    await mentorRouter.push('/mentor-profile')
    expect(mentorRouter.currentRoute.value.name).toBe('mentor-profile')
  })

  it('asks for a login again when an API call answers 401', async () => {
    const { router, auth } = setup(makeMe({ roles: ['mentor'] }))
    await router.push('/mentor-profile')
    mockFetch({ 'GET /api/things': apiError(401, '身份认证信息未提供。', {}, 'not_authenticated') })

    // Any endpoint outside /api/auth/; the path need not exist in the schema for this.
    await (api.GET as unknown as (path: string) => Promise<unknown>)('/api/things')
    await flushPromises()

    expect(auth.me).toBeNull()
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/login?next=/mentor-profile'))
  })
})

describe('navFor', () => {
  it('shows entries by role', () => {
    expect(navFor([], CORE).map((i) => i.key)).toEqual(['home'])
    expect(navFor(['mentor'], CORE).map((i) => i.key)).toEqual(['home', 'mentor-profile'])
    expect(navFor(['admin'], CORE).map((i) => i.key)).toEqual(['home', 'admin-site', 'api-docs'])
  })
})
