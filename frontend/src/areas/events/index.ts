// The events area (issue 3): calendar, event pages, registration and check-in,
// the organizer's editor and series, pitch slots, scoring and rounds.
import type { RouteLocationNormalized } from 'vue-router'
import type { Area } from '../types'
import JudgingCard from './home/JudgingCard.vue'
import MyEventsCard from './home/MyEventsCard.vue'
import OrganizerEventsCard from './home/OrganizerEventsCard.vue'
import PitchBookingsCard from './home/PitchBookingsCard.vue'
import { en, zhCN } from './messages'

const idProp = (route: RouteLocationNormalized) => ({ id: 'id' in route.params ? Number(route.params.id) : NaN })
const ORGANIZERS = ['organizer', 'admin'] as const
const PEOPLE = ['startup', 'mentor', 'investor', 'bank'] as const

const area: Area = {
  key: 'events',
  order: 20,
  messages: { 'zh-CN': zhCN, en },
  routes: [
    { path: '/events', name: 'events', component: () => import('./pages/EventListPage.vue') },
    { path: '/events/mine', name: 'events-mine', component: () => import('./pages/MyEventsPage.vue') },
    {
      path: '/events/organize',
      name: 'events-organize',
      component: () => import('./pages/OrganizerEventsPage.vue'),
      meta: { roles: [...ORGANIZERS] },
    },
    {
      path: '/events/new',
      name: 'event-new',
      component: () => import('./pages/EventEditorPage.vue'),
      meta: { roles: [...ORGANIZERS] },
    },
    {
      path: '/events/:id(\\d+)',
      name: 'event',
      component: () => import('./pages/EventDetailPage.vue'),
      props: idProp,
      // Public events can be read without an account (registering needs one).
      meta: { public: true },
    },
    {
      path: '/events/:id(\\d+)/edit',
      name: 'event-edit',
      component: () => import('./pages/EventEditorPage.vue'),
      props: idProp,
      meta: { roles: [...ORGANIZERS] },
    },
    {
      path: '/events/:id(\\d+)/manage',
      name: 'event-manage',
      component: () => import('./pages/EventManagePage.vue'),
      props: idProp,
      meta: { roles: [...ORGANIZERS] },
    },
    {
      path: '/events/:id(\\d+)/checkin',
      name: 'event-checkin',
      component: () => import('./pages/CheckinPage.vue'),
      props: idProp,
      meta: { roles: [...ORGANIZERS] },
    },
    {
      path: '/events/:id(\\d+)/score',
      name: 'event-score',
      component: () => import('./pages/ScoreSheetPage.vue'),
      props: idProp,
    },
    {
      path: '/series',
      name: 'series-list',
      component: () => import('./pages/SeriesListPage.vue'),
      meta: { roles: [...ORGANIZERS] },
    },
    {
      path: '/series/new',
      name: 'series-new',
      component: () => import('./pages/SeriesEditorPage.vue'),
      meta: { roles: [...ORGANIZERS] },
    },
    {
      path: '/series/:id(\\d+)',
      name: 'series-edit',
      component: () => import('./pages/SeriesEditorPage.vue'),
      props: idProp,
      meta: { roles: [...ORGANIZERS] },
    },
  ],
  nav: [
    { key: 'events', label: 'events.nav.calendar', route: 'events', roles: [...PEOPLE, ...ORGANIZERS] },
    { key: 'events-mine', label: 'events.nav.mine', route: 'events-mine', roles: [...PEOPLE, ...ORGANIZERS] },
    { key: 'events-organize', label: 'events.nav.organize', route: 'events-organize', roles: [...ORGANIZERS] },
  ],
  home: [
    ...PEOPLE.map((role) => ({ key: 'events-mine', role, component: MyEventsCard, order: 20 })),
    { key: 'events-pitches', role: 'startup', component: PitchBookingsCard, order: 21 },
    { key: 'events-judging', role: 'investor', component: JudgingCard, order: 21 },
    { key: 'events-judging', role: 'mentor', component: JudgingCard, order: 21 },
    { key: 'events-organized', role: 'organizer', component: OrganizerEventsCard, order: 20 },
  ],
}

export default area
