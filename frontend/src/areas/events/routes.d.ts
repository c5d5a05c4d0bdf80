// The events area's pages in vue-router's typed route map.
import type { RouteRecordInfo } from 'vue-router'

type NoParams = Record<never, never>
type IdRaw = { id: string | number }
type IdParams = { id: string }

declare module '@/router/typed-routes' {
  interface RouteNamedMap {
    events: RouteRecordInfo<'events', '/events', NoParams, NoParams>
    'events-mine': RouteRecordInfo<'events-mine', '/events/mine', NoParams, NoParams>
    'events-organize': RouteRecordInfo<'events-organize', '/events/organize', NoParams, NoParams>
    'event-new': RouteRecordInfo<'event-new', '/events/new', NoParams, NoParams>
    event: RouteRecordInfo<'event', '/events/:id', IdRaw, IdParams>
    'event-edit': RouteRecordInfo<'event-edit', '/events/:id/edit', IdRaw, IdParams>
    'event-manage': RouteRecordInfo<'event-manage', '/events/:id/manage', IdRaw, IdParams>
    'event-checkin': RouteRecordInfo<'event-checkin', '/events/:id/checkin', IdRaw, IdParams>
    'event-score': RouteRecordInfo<'event-score', '/events/:id/score', IdRaw, IdParams>
    'series-list': RouteRecordInfo<'series-list', '/series', NoParams, NoParams>
    'series-new': RouteRecordInfo<'series-new', '/series/new', NoParams, NoParams>
    'series-edit': RouteRecordInfo<'series-edit', '/series/:id', IdRaw, IdParams>
  }
}
