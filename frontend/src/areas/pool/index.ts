// The investors' project pool (投融资项目库): investors browse, get recommendations,
// request access to confidential figures and keep a pipeline; startups list
// themselves, upload a deck, answer access requests and read their access log.
import type { RouteRecordRaw } from 'vue-router'
import type { Area } from '../types'
import InvestorPoolCard from './components/InvestorPoolCard.vue'
import StartupPoolCard from './components/StartupPoolCard.vue'
import { en, zhCN } from './messages'

const routes: RouteRecordRaw[] = [
  {
    path: '/pool',
    name: 'pool-browse',
    component: () => import('./pages/PoolBrowsePage.vue'),
    meta: { roles: ['investor', 'organizer', 'admin'] },
  },
  {
    path: '/pool/startups/:id(\\d+)',
    name: 'pool-startup',
    component: () => import('./pages/PoolStartupPage.vue'),
    props: (route: { params: Record<string, unknown> }) => ({ id: Number(route.params.id) }),
  },
  {
    path: '/pool/pipeline',
    name: 'pool-pipeline',
    component: () => import('./pages/PipelinePage.vue'),
    meta: { roles: ['investor'] },
  },
  {
    path: '/pool/mine',
    name: 'pool-mine',
    component: () => import('./pages/MyPoolEntryPage.vue'),
    meta: { roles: ['startup'] },
  },
]

const area: Area = {
  key: 'pool',
  order: 30,
  messages: { 'zh-CN': zhCN, en },
  routes,
  nav: [
    { key: 'pool', label: 'pool.nav.browse', route: 'pool-browse', roles: ['investor', 'organizer', 'admin'] },
    { key: 'pool-pipeline', label: 'pool.nav.pipeline', route: 'pool-pipeline', roles: ['investor'] },
    { key: 'pool-mine', label: 'pool.nav.mine', route: 'pool-mine', roles: ['startup'] },
  ],
  home: [
    { key: 'pool', role: 'startup', component: StartupPoolCard, order: 30 },
    { key: 'pool', role: 'investor', component: InvestorPoolCard, order: 20 },
  ],
}

export default area
