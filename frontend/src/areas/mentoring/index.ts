// Mentoring (创业导师): startups find a mentor and ask; mentors answer, log
// sessions and confirm programme proposals; organizers run programmes whose
// matches the engine proposes. Session logs are for the two sides only.
import type { RouteRecordRaw } from 'vue-router'
import type { Area } from '../types'
import MentorHomeCard from './home/MentorHomeCard.vue'
import OrganizerHomeCard from './home/OrganizerHomeCard.vue'
import StartupHomeCard from './home/StartupHomeCard.vue'
import en from './messages/en'
import zhCN from './messages/zh-CN'

function idProp(route: { params: Record<string, unknown> }) {
  return { id: Number(route.params.id) }
}

const routes: RouteRecordRaw[] = [
  {
    path: '/mentoring/find',
    name: 'mentoring-find',
    component: () => import('./pages/FindMentorPage.vue'),
    meta: { roles: ['startup', 'admin'] },
  },
  {
    path: '/mentoring/requests',
    name: 'mentoring-requests',
    component: () => import('./pages/MyRequestsPage.vue'),
    meta: { roles: ['startup', 'admin'] },
  },
  {
    path: '/mentoring/mine',
    name: 'mentoring-mine',
    component: () => import('./pages/MentorshipListPage.vue'),
    props: { side: 'startup' },
    meta: { roles: ['startup', 'admin'] },
  },
  {
    path: '/mentoring/incoming',
    name: 'mentoring-incoming',
    component: () => import('./pages/IncomingPage.vue'),
    meta: { roles: ['mentor', 'admin'] },
  },
  {
    path: '/mentoring/mentees',
    name: 'mentoring-mentees',
    component: () => import('./pages/MentorshipListPage.vue'),
    props: { side: 'mentor' },
    meta: { roles: ['mentor', 'admin'] },
  },
  {
    path: '/mentoring/mentorships/:id(\\d+)',
    name: 'mentoring-mentorship',
    component: () => import('./pages/MentorshipPage.vue'),
    props: idProp,
  },
  {
    path: '/mentoring/programmes',
    name: 'mentoring-programmes',
    component: () => import('./pages/ProgrammeListPage.vue'),
  },
  {
    path: '/mentoring/programmes/:id(\\d+)',
    name: 'mentoring-programme',
    component: () => import('./pages/ProgrammePage.vue'),
    props: idProp,
  },
]

const area: Area = {
  key: 'mentoring',
  order: 30,
  messages: { 'zh-CN': zhCN, en },
  routes,
  nav: [
    { key: 'mentoring-startup', label: 'mentoring.nav.startup', route: 'mentoring-find', roles: ['startup'] },
    { key: 'mentoring-mentor', label: 'mentoring.nav.mentor', route: 'mentoring-incoming', roles: ['mentor'] },
    {
      key: 'mentoring-organizer',
      label: 'mentoring.nav.organizer',
      route: 'mentoring-programmes',
      roles: ['organizer', 'admin'],
    },
  ],
  home: [
    { key: 'mentoring-mentor', role: 'mentor', component: MentorHomeCard, order: 10 },
    { key: 'mentoring-startup', role: 'startup', component: StartupHomeCard, order: 30 },
    { key: 'mentoring-organizer', role: 'organizer', component: OrganizerHomeCard, order: 40 },
  ],
}

export default area
