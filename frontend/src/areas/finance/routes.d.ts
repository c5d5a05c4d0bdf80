// Financing's route names for vue-router's typed API (see src/router/typed-routes.d.ts).
import type { RouteRecordInfo } from 'vue-router'

type NoParams = Record<never, never>

declare module '@/router/typed-routes' {
  interface RouteNamedMap {
    'finance-needs': RouteRecordInfo<'finance-needs', '/finance/needs', NoParams, NoParams>
    'finance-need': RouteRecordInfo<'finance-need', '/finance/needs/:id', { id: string | number }, { id: string }>
    'finance-bank': RouteRecordInfo<'finance-bank', '/finance/bank', NoParams, NoParams>
  }
}
