// Who is logged in. The session lives in an HttpOnly cookie set by Django; this
// store only mirrors /api/auth/me. Nothing here touches browser storage.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, type Role, type Schemas } from '@/api/client'
import { ApiError } from '@/api/errors'
import { unwrap } from '@/api/result'

export type Me = Schemas['Me']
export type RegisterInput = Schemas['RegisterRequest']

/** Roles a person may pick when signing up (backend/accounts/services.py SELF_SERVICE_ROLES). */
export const SELF_SERVICE_ROLES = ['startup', 'mentor', 'investor', 'bank'] as const satisfies readonly Role[]

/** Every role, in the order home sections and menus show them. */
export const ROLE_ORDER = ['startup', 'mentor', 'investor', 'bank', 'organizer', 'admin'] as const satisfies readonly Role[]

export const useAuth = defineStore('auth', () => {
  const me = ref<Me | null>(null)
  const loaded = ref(false)
  const isLoggedIn = computed(() => me.value !== null)

  /**
   * The roles to act on: the stored ones, plus admin for superusers (who may
   * have no role listed), in ROLE_ORDER.
   */
  const roles = computed<Role[]>(() => {
    const held = new Set<Role>(me.value?.roles ?? [])
    if (me.value?.is_platform_admin) held.add('admin')
    return ROLE_ORDER.filter((r) => held.has(r))
  })

  function hasRole(...wanted: Role[]): boolean {
    return wanted.some((r) => roles.value.includes(r))
  }

  /** Fetch the CSRF cookie and the current user; a 401 just means "logged out". */
  async function load() {
    try {
      if (!document.cookie.includes('csrftoken=')) await api.GET('/api/auth/csrf')
      me.value = await unwrap(api.GET('/api/auth/me'))
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      me.value = null
    } finally {
      loaded.value = true
    }
  }

  async function login(login: string, password: string) {
    me.value = await unwrap(api.POST('/api/auth/login', { body: { login, password } }))
  }

  async function register(input: RegisterInput) {
    me.value = await unwrap(api.POST('/api/auth/register', { body: input }))
  }

  async function update(changes: { name: string }) {
    me.value = await unwrap(api.PATCH('/api/auth/me', { body: changes }))
  }

  async function logout() {
    try {
      await unwrap(api.POST('/api/auth/logout'))
    } finally {
      // Forget the user even if the request failed: the page must not show them.
      me.value = null
    }
  }

  /** The session ended elsewhere (a 401 from any call). */
  function forget() {
    me.value = null
  }

  return { me, loaded, isLoggedIn, roles, hasRole, load, login, register, update, logout, forget }
})
