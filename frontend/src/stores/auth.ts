import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, type Schemas } from '@/api/client'

export type Me = Schemas['Me']

export const useAuth = defineStore('auth', () => {
  const me = ref<Me | null>(null)
  const loaded = ref(false)
  const isLoggedIn = computed(() => me.value !== null)

  function hasRole(role: string) {
    return me.value?.roles.includes(role as never) ?? false
  }

  async function load() {
    await api.GET('/api/auth/csrf')
    const { data } = await api.GET('/api/auth/me')
    me.value = data ?? null
    loaded.value = true
  }

  async function login(login: string, password: string) {
    const { data, error } = await api.POST('/api/auth/login', { body: { login, password } })
    if (error) throw error
    me.value = data
  }

  async function logout() {
    await api.POST('/api/auth/logout')
    me.value = null
  }

  return { me, loaded, isLoggedIn, hasRole, load, login, logout }
})
