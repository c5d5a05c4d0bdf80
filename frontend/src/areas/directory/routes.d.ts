// The directory's route names for vue-router's typed API (see src/router/typed-routes.d.ts).
import type { RouteRecordInfo } from 'vue-router'

type NoParams = Record<never, never>
type Id = { id: string | number }
type IdRaw = { id: string }

declare module '@/router/typed-routes' {
  interface RouteNamedMap {
    directory: RouteRecordInfo<'directory', '/directory', NoParams, NoParams>
    'directory-startups': RouteRecordInfo<'directory-startups', '/directory/startups', NoParams, NoParams>
    'directory-carriers': RouteRecordInfo<'directory-carriers', '/directory/carriers', NoParams, NoParams>
    'directory-carrier': RouteRecordInfo<'directory-carrier', '/directory/carriers/:id', Id, IdRaw>
    'directory-mentors': RouteRecordInfo<'directory-mentors', '/directory/mentors', NoParams, NoParams>
    'directory-mentor': RouteRecordInfo<'directory-mentor', '/directory/mentors/:id', Id, IdRaw>
    'directory-investors': RouteRecordInfo<'directory-investors', '/directory/investors', NoParams, NoParams>
    'directory-banks': RouteRecordInfo<'directory-banks', '/directory/banks', NoParams, NoParams>
    'directory-loan-products': RouteRecordInfo<
      'directory-loan-products',
      '/directory/loan-products',
      NoParams,
      NoParams
    >
    'directory-loan-product': RouteRecordInfo<'directory-loan-product', '/directory/loan-products/:id', Id, IdRaw>
    'directory-search': RouteRecordInfo<'directory-search', '/directory/search', NoParams, NoParams>
    organisation: RouteRecordInfo<'organisation', '/organisations/:id', Id, IdRaw>
    'organisation-edit': RouteRecordInfo<'organisation-edit', '/organisations/:id/edit', Id, IdRaw>
    'mentor-profile': RouteRecordInfo<'mentor-profile', '/mentor-profile', NoParams, NoParams>
  }
}
