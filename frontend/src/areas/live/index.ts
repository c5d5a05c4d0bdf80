// Live rooms (console, audience, big screen, presenter) and notifications.
// Shared live plumbing (sockets, useRoom, useJob, the bell) is in src/live/.
import type { RouteLocationNormalized } from 'vue-router'
import type { Area } from '../types'
import LiveHomeCard from './components/LiveHomeCard.vue'
import messages from './messages'

const eventId = (route: RouteLocationNormalized) => ({ eventId: 'id' in route.params ? Number(route.params.id) : NaN })

const area: Area = {
  key: 'live',
  order: 60,
  messages,
  routes: [
    { path: '/live', name: 'live-rooms', component: () => import('./pages/LiveRoomsPage.vue') },
    { path: '/live/:id(\\d+)', name: 'live-audience', component: () => import('./pages/AudiencePage.vue'), props: eventId },
    {
      path: '/live/:id(\\d+)/console',
      name: 'live-console',
      component: () => import('./pages/ConsolePage.vue'),
      props: eventId,
      meta: { roles: ['organizer', 'admin'] },
    },
    { path: '/live/:id(\\d+)/screen', name: 'live-screen', component: () => import('./pages/ScreenPage.vue'), props: eventId },
    {
      path: '/live/:id(\\d+)/presenter',
      name: 'live-presenter',
      component: () => import('./pages/PresenterPage.vue'),
      props: eventId,
    },
    { path: '/notifications', name: 'notifications', component: () => import('./pages/NotificationsPage.vue') },
  ],
  nav: [{ key: 'live', label: 'live.nav', route: 'live-rooms' }],
  home: [{ key: 'live-console', role: 'organizer', component: LiveHomeCard, order: 25 }],
}

export default area
