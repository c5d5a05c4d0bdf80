// The live area's pages in the typed route map.
import type { RouteRecordInfo } from 'vue-router'

type NoParams = Record<never, never>
type EventParam = { id: string | number }
type EventParamRaw = { id: string }

declare module '@/router/typed-routes' {
  interface RouteNamedMap {
    'live-rooms': RouteRecordInfo<'live-rooms', '/live', NoParams, NoParams>
    'live-audience': RouteRecordInfo<'live-audience', '/live/:id', EventParam, EventParamRaw>
    'live-console': RouteRecordInfo<'live-console', '/live/:id/console', EventParam, EventParamRaw>
    'live-screen': RouteRecordInfo<'live-screen', '/live/:id/screen', EventParam, EventParamRaw>
    'live-presenter': RouteRecordInfo<'live-presenter', '/live/:id/presenter', EventParam, EventParamRaw>
    notifications: RouteRecordInfo<'notifications', '/notifications', NoParams, NoParams>
  }
}
