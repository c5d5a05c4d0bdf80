// Every page, lazily loaded, by name. Names are typed (./typed-routes.d.ts):
// router.push({ name: 'organisation', params: { id } }) is checked by vue-tsc.
// Add a page here AND in RouteNamedMap (areas: in their own routes.d.ts).
import type { RouteRecordRaw } from 'vue-router'
import { AREAS } from '@/areas'

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('@/pages/HomePage.vue') },
  {
    path: '/login',
    name: 'login',
    component: () => import('@/pages/LoginPage.vue'),
    meta: { public: true, guestOnly: true },
  },
  {
    path: '/register',
    name: 'register',
    component: () => import('@/pages/RegisterPage.vue'),
    meta: { public: true, guestOnly: true },
  },
  { path: '/account', name: 'account', component: () => import('@/pages/AccountPage.vue') },
  // Feature areas (src/areas/*) bring their own pages.
  ...AREAS.flatMap((area) => area.routes ?? []),
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/pages/NotFoundPage.vue'),
    meta: { public: true },
  },
]
