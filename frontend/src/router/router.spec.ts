import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory } from 'vue-router'
import { api, type Role } from '@/api/client'
import { AREAS } from '@/areas'
import { apiError, mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { useAuth } from '@/stores/auth'
import { makeRouter, safeNext } from '.'
import { navFor } from './nav'

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
  // Areas add entries of their own (src/areas/*/index.ts); these are the shell's.
  const areaKeys = new Set(AREAS.flatMap((a) => a.nav ?? []).map((i) => i.key))
  const shell = (roles: Role[]) => navFor(roles).map((i) => i.key).filter((k) => !areaKeys.has(k))

  it('shows entries by role', () => {
    expect(shell([])).toEqual(['home'])
    expect(shell(['mentor'])).toEqual(['home'])
    expect(shell(['admin'])).toEqual(['home', 'admin-site', 'api-docs'])
  })
})
