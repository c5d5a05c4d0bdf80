// Insight: statistics dashboard, exports and the ecosystem map, for organizers and admins.
import type { Area } from '../types'
import HomeCard from './HomeCard.vue'
import { en, zhCN } from './messages'

const ROLES = ['organizer', 'admin'] as const

const area: Area = {
  key: 'insight',
  order: 80,
  messages: { 'zh-CN': zhCN, en },
  routes: [
    {
      path: '/insight',
      name: 'insight-dashboard',
      component: () => import('./DashboardPage.vue'),
      meta: { roles: [...ROLES] },
    },
    {
      path: '/insight/ecosystem',
      name: 'insight-ecosystem',
      component: () => import('./EcosystemPage.vue'),
      meta: { roles: [...ROLES] },
    },
  ],
  nav: [
    { key: 'insight', label: 'insight.nav.dashboard', route: 'insight-dashboard', roles: [...ROLES] },
    { key: 'insight-ecosystem', label: 'insight.nav.ecosystem', route: 'insight-ecosystem', roles: [...ROLES] },
  ],
  home: [{ key: 'insight', role: 'organizer', component: HomeCard, order: 50 }],
}

export default area
