// Route names of the recommendations area (see src/router/typed-routes.d.ts).
import type { RouteRecordInfo } from 'vue-router'

declare module '@/router/typed-routes' {
  interface RouteNamedMap {
    'assignment-runs': RouteRecordInfo<'assignment-runs', '/assignments', Record<never, never>, Record<never, never>>
    'assignment-run': RouteRecordInfo<'assignment-run', '/assignments/:id', { id: string | number }, { id: string }>
  }
}
