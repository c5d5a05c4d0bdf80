import type { RouteRecordInfo } from 'vue-router'

type NoParams = Record<never, never>

declare module '@/router/typed-routes' {
  interface RouteNamedMap {
    'insight-dashboard': RouteRecordInfo<'insight-dashboard', '/insight', NoParams, NoParams>
    'insight-ecosystem': RouteRecordInfo<'insight-ecosystem', '/insight/ecosystem', NoParams, NoParams>
  }
}
