// The ecosystem directory: startups, carriers, mentors, investors, banks and
// their loan products; organisation profiles and their editing; the mentor's
// own profile; the search box of the header (components/GlobalSearch.vue).
import type { RouteRecordRaw } from 'vue-router'
import type { Area } from '../types'
import DirectoryCard from './components/DirectoryCard.vue'
import en from './messages/en'
import zhCN from './messages/zh-CN'

/** `/x/:id` → the id as a number (NaN when absent, which the page shows as not found). */
function idProp(route: { params: Record<string, unknown> }) {
  return { id: Number(route.params.id) }
}

const routes: RouteRecordRaw[] = [
  { path: '/directory', name: 'directory', redirect: { name: 'directory-startups' } },
  {
    path: '/directory/startups',
    name: 'directory-startups',
    component: () => import('./pages/StartupListPage.vue'),
  },
  {
    path: '/directory/carriers',
    name: 'directory-carriers',
    component: () => import('./pages/CarrierListPage.vue'),
  },
  {
    path: '/directory/carriers/:id(\\d+)',
    name: 'directory-carrier',
    component: () => import('./pages/CarrierPage.vue'),
    props: idProp,
  },
  {
    path: '/directory/mentors',
    name: 'directory-mentors',
    component: () => import('./pages/MentorListPage.vue'),
  },
  {
    path: '/directory/mentors/:id(\\d+)',
    name: 'directory-mentor',
    component: () => import('./pages/MentorPage.vue'),
    props: idProp,
  },
  {
    path: '/directory/investors',
    name: 'directory-investors',
    component: () => import('./pages/InvestorListPage.vue'),
  },
  {
    path: '/directory/banks',
    name: 'directory-banks',
    component: () => import('./pages/BankListPage.vue'),
  },
  {
    path: '/directory/loan-products',
    name: 'directory-loan-products',
    component: () => import('./pages/LoanProductListPage.vue'),
  },
  {
    path: '/directory/loan-products/:id(\\d+)',
    name: 'directory-loan-product',
    component: () => import('./pages/LoanProductPage.vue'),
    props: idProp,
  },
  {
    path: '/directory/search',
    name: 'directory-search',
    component: () => import('./pages/SearchPage.vue'),
  },
  {
    path: '/organisations/:id(\\d+)',
    name: 'organisation',
    component: () => import('./pages/OrganisationPage.vue'),
    props: idProp,
  },
  {
    path: '/organisations/:id(\\d+)/edit',
    name: 'organisation-edit',
    component: () => import('./pages/OrganisationEditPage.vue'),
    props: idProp,
  },
  {
    path: '/mentor-profile',
    name: 'mentor-profile',
    component: () => import('./pages/MentorProfilePage.vue'),
    meta: { roles: ['mentor'] },
  },
]

const area: Area = {
  key: 'directory',
  order: 10,
  messages: { 'zh-CN': zhCN, en },
  routes,
  nav: [
    { key: 'directory', label: 'directory.nav.directory', route: 'directory-startups' },
    { key: 'mentor-profile', label: 'directory.nav.mentorProfile', route: 'mentor-profile', roles: ['mentor'] },
  ],
  home: [
    { key: 'directory', role: 'investor', component: DirectoryCard, order: 50 },
    { key: 'directory', role: 'bank', component: DirectoryCard, order: 50 },
  ],
}

export default area
