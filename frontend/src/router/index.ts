import { createRouter, createWebHistory, type Router, type RouterHistory } from 'vue-router'
import { setUnauthorizedHandler } from '@/api/client'
import { useAuth } from '@/stores/auth'
import { routes } from './routes'

/**
 * Where to go after logging in: only a path of this app. "//evil.example" or
 * "https://…" in ?next= would turn the login page into an open redirect.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/'
  return next
}

export function installGuards(router: Router) {
  router.beforeEach(async (to) => {
    const auth = useAuth()
    if (!auth.loaded) await auth.load()
    if (to.meta.guestOnly && auth.isLoggedIn) return { name: 'home' }
    if (!to.meta.public && !auth.isLoggedIn) {
      return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } }
    }
    if (to.meta.roles && !auth.hasRole(...to.meta.roles)) return { name: 'home' }
  })

  // A 401 from any API call outside /api/auth/ means the session ended (expired,
  // logged out in another tab): forget the user and ask for a login again.
  setUnauthorizedHandler((request) => {
    if (new URL(request.url).pathname.startsWith('/api/auth/')) return
    const auth = useAuth()
    auth.forget()
    const current = router.currentRoute.value
    if (!current.meta.public) void router.push({ name: 'login', query: { next: current.fullPath } })
  })
}

export function makeRouter(history: RouterHistory = createWebHistory()) {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
  installGuards(router)
  return router
}
