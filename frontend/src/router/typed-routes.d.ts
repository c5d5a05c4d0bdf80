// Route names and params for vue-router's typed API (TypesConfig.RouteNamedMap).
import type { RouteRecordInfo } from 'vue-router'
import type { Role } from '@/api/client'

type NoParams = Record<never, never>

export interface RouteNamedMap {
  home: RouteRecordInfo<'home', '/', NoParams, NoParams>
  login: RouteRecordInfo<'login', '/login', NoParams, NoParams>
  register: RouteRecordInfo<'register', '/register', NoParams, NoParams>
  account: RouteRecordInfo<'account', '/account', NoParams, NoParams>
  'not-found': RouteRecordInfo<
    'not-found',
    '/:pathMatch(.*)*',
    { pathMatch: string | string[] },
    { pathMatch: string[] }
  >
}

declare module 'vue-router' {
  interface TypesConfig {
    RouteNamedMap: RouteNamedMap
  }
  interface RouteMeta {
    /** Reachable without logging in. */
    public?: boolean
    /** Only for visitors who are not logged in (login, register): others go home. */
    guestOnly?: boolean
    /** Only for people holding one of these roles. */
    roles?: Role[]
  }
}
