// Mentoring's route names for vue-router's typed API (see src/router/typed-routes.d.ts).
import type { RouteRecordInfo } from 'vue-router'

type NoParams = Record<never, never>
type Id = { id: string | number }
type IdRaw = { id: string }

declare module '@/router/typed-routes' {
  interface RouteNamedMap {
    'mentoring-find': RouteRecordInfo<'mentoring-find', '/mentoring/find', NoParams, NoParams>
    'mentoring-requests': RouteRecordInfo<'mentoring-requests', '/mentoring/requests', NoParams, NoParams>
    'mentoring-mine': RouteRecordInfo<'mentoring-mine', '/mentoring/mine', NoParams, NoParams>
    'mentoring-incoming': RouteRecordInfo<'mentoring-incoming', '/mentoring/incoming', NoParams, NoParams>
    'mentoring-mentees': RouteRecordInfo<'mentoring-mentees', '/mentoring/mentees', NoParams, NoParams>
    'mentoring-mentorship': RouteRecordInfo<'mentoring-mentorship', '/mentoring/mentorships/:id', Id, IdRaw>
    'mentoring-programmes': RouteRecordInfo<'mentoring-programmes', '/mentoring/programmes', NoParams, NoParams>
    'mentoring-programme': RouteRecordInfo<'mentoring-programme', '/mentoring/programmes/:id', Id, IdRaw>
  }
}
