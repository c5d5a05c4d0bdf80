// The matchmaking area's pages in vue-router's typed route map.
import type { RouteRecordInfo } from 'vue-router'

type NoParams = Record<never, never>
type IdRaw = { id: string | number }
type IdParams = { id: string }

declare module '@/router/typed-routes' {
  interface RouteNamedMap {
    'matchmaking-days': RouteRecordInfo<'matchmaking-days', '/matchmaking', NoParams, NoParams>
    'matchmaking-day': RouteRecordInfo<'matchmaking-day', '/matchmaking/:id', IdRaw, IdParams>
    'matchmaking-outcomes': RouteRecordInfo<'matchmaking-outcomes', '/matchmaking/:id/outcomes', IdRaw, IdParams>
    'matchmaking-agenda': RouteRecordInfo<'matchmaking-agenda', '/matchmaking/:id/agenda', IdRaw, IdParams>
    'matchmaking-organize': RouteRecordInfo<'matchmaking-organize', '/matchmaking/:id/organize', IdRaw, IdParams>
  }
}
