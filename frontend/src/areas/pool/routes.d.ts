// The pool's route names for vue-router's typed API (see src/router/typed-routes.d.ts).
import type { RouteRecordInfo } from 'vue-router'

type NoParams = Record<never, never>

declare module '@/router/typed-routes' {
  interface RouteNamedMap {
    'pool-browse': RouteRecordInfo<'pool-browse', '/pool', NoParams, NoParams>
    'pool-startup': RouteRecordInfo<'pool-startup', '/pool/startups/:id', { id: string | number }, { id: string }>
    'pool-pipeline': RouteRecordInfo<'pool-pipeline', '/pool/pipeline', NoParams, NoParams>
    'pool-mine': RouteRecordInfo<'pool-mine', '/pool/mine', NoParams, NoParams>
  }
}
