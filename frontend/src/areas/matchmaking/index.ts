// The matchmaking area (issue 5, matchmaking days): participants' profiles,
// recommendations and requests, the organizer's setup, scheduler and day-of
// console, personal agendas (print, .ics), outcomes and follow-ups.
import type { RouteLocationNormalized } from 'vue-router'
import type { Area } from '../types'
import MatchmakingCard from './home/MatchmakingCard.vue'
import { en, zhCN } from './messages'

const idProp = (route: RouteLocationNormalized) => ({ id: 'id' in route.params ? Number(route.params.id) : NaN })
const ORGANIZERS = ['organizer', 'admin'] as const
const PARTIES = ['startup', 'bank', 'investor'] as const

const area: Area = {
  key: 'matchmaking',
  order: 40,
  messages: { 'zh-CN': zhCN, en },
  routes: [
    { path: '/matchmaking', name: 'matchmaking-days', component: () => import('./pages/DaysPage.vue') },
    {
      path: '/matchmaking/:id(\\d+)',
      name: 'matchmaking-day',
      component: () => import('./pages/DayPage.vue'),
      props: idProp,
    },
    {
      path: '/matchmaking/:id(\\d+)/outcomes',
      name: 'matchmaking-outcomes',
      component: () => import('./pages/DayPage.vue'),
      props: (route: RouteLocationNormalized) => ({ ...idProp(route), tab: 'meetings' }),
    },
    {
      path: '/matchmaking/:id(\\d+)/agenda',
      name: 'matchmaking-agenda',
      component: () => import('./pages/AgendaPage.vue'),
      props: (route: RouteLocationNormalized) => ({
        ...idProp(route),
        participant: route.query.participant ? Number(route.query.participant) : undefined,
      }),
    },
    {
      path: '/matchmaking/:id(\\d+)/organize',
      name: 'matchmaking-organize',
      component: () => import('./pages/OrganizePage.vue'),
      props: idProp,
      meta: { roles: [...ORGANIZERS] },
    },
  ],
  nav: [{ key: 'matchmaking', label: 'matchmaking.nav.days', route: 'matchmaking-days', roles: [...PARTIES, ...ORGANIZERS] }],
  home: [
    ...PARTIES.map((role) => ({ key: 'matchmaking', role, component: MatchmakingCard, order: 30 })),
    { key: 'matchmaking', role: 'organizer', component: MatchmakingCard, order: 30 },
  ],
}

export default area
