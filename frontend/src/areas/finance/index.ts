// Financing with banks (科技金融, 银企对接): startups publish financing needs and
// see eligible loan products and every bank's answer; bank staff see the needs
// that fit their products, express intent and record approval and disbursement.
import type { RouteRecordRaw } from 'vue-router'
import type { Area } from '../types'
import BankFinanceCard from './components/BankFinanceCard.vue'
import StartupFinanceCard from './components/StartupFinanceCard.vue'
import { en, zhCN } from './messages'

const routes: RouteRecordRaw[] = [
  {
    path: '/finance/needs',
    name: 'finance-needs',
    component: () => import('./pages/NeedsPage.vue'),
    meta: { roles: ['startup'] },
  },
  {
    path: '/finance/needs/:id(\\d+)',
    name: 'finance-need',
    component: () => import('./pages/NeedPage.vue'),
    props: (route: { params: Record<string, unknown> }) => ({ id: Number(route.params.id) }),
  },
  {
    path: '/finance/bank',
    name: 'finance-bank',
    component: () => import('./pages/BankNeedsPage.vue'),
    meta: { roles: ['bank'] },
  },
]

const area: Area = {
  key: 'finance',
  order: 35,
  messages: { 'zh-CN': zhCN, en },
  routes,
  nav: [
    { key: 'finance-needs', label: 'finance.nav.needs', route: 'finance-needs', roles: ['startup'] },
    { key: 'finance-bank', label: 'finance.nav.bank', route: 'finance-bank', roles: ['bank'] },
  ],
  home: [
    { key: 'finance', role: 'startup', component: StartupFinanceCard, order: 35 },
    { key: 'finance', role: 'bank', component: BankFinanceCard, order: 20 },
  ],
}

export default area
