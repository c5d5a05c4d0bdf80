// The events area (issue 3): calendar, event pages, registration and check-in,
// the organizer's editor and series, pitch slots, scoring and rounds.
import { type Component, defineComponent, h, type PropType } from 'vue'
import type { RouteLocationNormalized } from 'vue-router'
import type { Role } from '@/api/client'
import { type Me, useAuth } from '@/stores/auth'
import type { Area } from '../types'
import JudgingCard from './home/JudgingCard.vue'
import MyEventsCard from './home/MyEventsCard.vue'
import OrganizerEventsCard from './home/OrganizerEventsCard.vue'
import PitchBookingsCard from './home/PitchBookingsCard.vue'
import { en, zhCN } from './messages'

const idProp = (route: RouteLocationNormalized) => ({ id: 'id' in route.params ? Number(route.params.id) : NaN })
const ORGANIZERS = ['organizer', 'admin'] as const
const PEOPLE = ['startup', 'mentor', 'investor', 'bank'] as const

/**
 * The home page repeats area cards in every role's section; a person with two
 * of these roles (a founder who also mentors) sees the card once, in the first.
 */
function onceAcross(roles: readonly Role[], role: Role, card: Component): Component {
  return defineComponent({
    name: `Once-${role}`,
    props: { me: { type: Object as PropType<Me>, required: true } },
    setup(props) {
      const auth = useAuth()
      return () => (auth.roles.find((r) => roles.includes(r)) === role ? h(card, { me: props.me }) : null)
    },
  })
}

const JUDGES = ['investor', 'mentor'] as const

const area: Area = {
  key: 'events',
  order: 20,
  messages: { 'zh-CN': zhCN, en },
  routes: [
    // The calendar and public events can be read without an account.
    { path: '/events', name: 'events', component: () => import('./pages/EventListPage.vue'), meta: { public: true } },
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
    ...PEOPLE.map((role) => ({ key: 'events-mine', role, component: onceAcross(PEOPLE, role, MyEventsCard), order: 20 })),
    { key: 'events-pitches', role: 'startup', component: PitchBookingsCard, order: 21 },
    ...JUDGES.map((role) => ({ key: 'events-judging', role, component: onceAcross(JUDGES, role, JudgingCard), order: 21 })),
    ...ORGANIZERS.map((role) => ({
      key: 'events-organized',
      role,
      component: onceAcross(ORGANIZERS, role, OrganizerEventsCard),
      order: 20,
    })),
  ],
}

export default area
