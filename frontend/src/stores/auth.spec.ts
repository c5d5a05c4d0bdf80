import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ApiError } from '@/api/errors'
import { apiError, mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { useAuth } from './auth'

beforeEach(() => setActivePinia(createPinia()))

describe('auth store', () => {
  it('loads the current user', async () => {
    const me = makeMe({ name: '赵一', roles: ['startup'] })
    mockFetch({ 'GET /api/auth/csrf': { status: 204 }, 'GET /api/auth/me': { body: me } })
    const auth = useAuth()

    await auth.load()

    expect(auth.me).toEqual(me)
    expect(auth.loaded).toBe(true)
    expect(auth.isLoggedIn).toBe(true)
  })

  it('treats a 401 from /me as logged out', async () => {
    mockFetch({
      'GET /api/auth/csrf': { status: 204 },
      'GET /api/auth/me': apiError(401, '身份认证信息未提供。', {}, 'not_authenticated'),
    })
    const auth = useAuth()

    await auth.load()

    expect(auth.me).toBeNull()
    expect(auth.loaded).toBe(true)
    expect(auth.isLoggedIn).toBe(false)
  })

  it('sends the CSRF token with a login and keeps the user', async () => {
    document.cookie = 'csrftoken=tok123'
    const me = makeMe()
    const { calls } = mockFetch({ 'POST /api/auth/login': { body: me } })
    const auth = useAuth()

    await auth.login('a@example.com', 'pw')

    expect(calls[0].body).toEqual({ login: 'a@example.com', password: 'pw' })
    expect(calls[0].headers.get('X-CSRFToken')).toBe('tok123')
    expect(auth.me).toEqual(me)
  })

  it('throws the API error of a failed login and stays logged out', async () => {
    mockFetch({ 'POST /api/auth/login': apiError(400, '账号或密码错误 · Wrong account or password.') })
    const auth = useAuth()

    const error = await auth.login('a@example.com', 'bad').catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(400)
    expect(auth.me).toBeNull()
  })

  it('forgets the user on logout even if the request fails', async () => {
    mockFetch({ 'POST /api/auth/logout': { status: 500, body: 'oops' } })
    const auth = useAuth()
    auth.me = makeMe()

    await auth.logout().catch(() => undefined)

    expect(auth.me).toBeNull()
  })

  it('orders roles and adds admin for platform admins', () => {
    const auth = useAuth()
    auth.me = makeMe({ roles: ['mentor', 'startup'], is_platform_admin: true })

    expect(auth.roles).toEqual(['startup', 'mentor', 'admin'])
    expect(auth.hasRole('admin')).toBe(true)
    expect(auth.hasRole('bank', 'investor')).toBe(false)
  })
})
