// Recommendations ("why this match") on each role's home, and organizers' assignment runs.
import { defineComponent, h } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Area } from '../types'
import OrganizerCard from './components/OrganizerCard.vue'
import RecommendationCard, { type RecommendationFor } from './components/RecommendationCard.vue'
import messages from './messages'

/** A home card listing one kind of recommendation (the home page passes `me`, unused here). */
function card(name: string, what: RecommendationFor, titleKey: string, as?: 'investor' | 'mentor') {
  return defineComponent({
    name,
    props: { me: { type: Object, required: false, default: null } },
    setup() {
      const { t } = useI18n()
      return () => h(RecommendationCard, { what, as, title: t(`recommendations.card.${titleKey}`) })
    },
  })
}

const area: Area = {
  key: 'recommendations',
  order: 60,
  messages,
  routes: [
    {
      path: '/assignments',
      name: 'assignment-runs',
      component: () => import('./pages/AssignmentRunsPage.vue'),
      meta: { roles: ['organizer'] },
    },
    {
      path: '/assignments/:id(\\d+)',
      name: 'assignment-run',
      component: () => import('./pages/AssignmentRunPage.vue'),
      props: (route) => ({ id: 'id' in route.params ? Number(route.params.id) : NaN }),
      meta: { roles: ['organizer'] },
    },
  ],
  nav: [{ key: 'assignments', label: 'recommendations.nav.assignments', route: 'assignment-runs', roles: ['organizer'] }],
  home: [
    { key: 'recommended-mentors', role: 'startup', order: 10, component: card('RecommendedMentors', 'mentors', 'mentors') },
    {
      key: 'recommended-investors',
      role: 'startup',
      order: 11,
      component: card('RecommendedInvestors', 'investors', 'investors'),
    },
    {
      key: 'recommended-loan-products',
      role: 'startup',
      order: 12,
      component: card('RecommendedLoanProducts', 'loan-products', 'loanProducts'),
    },
    {
      key: 'recommended-startups-mentor',
      role: 'mentor',
      order: 10,
      component: card('RecommendedStartupsForMentor', 'startups', 'startupsForMentor', 'mentor'),
    },
    {
      key: 'recommended-startups-investor',
      role: 'investor',
      order: 10,
      component: card('RecommendedStartupsForInvestor', 'startups', 'startupsForInvestor', 'investor'),
    },
    { key: 'recommended-needs', role: 'bank', order: 10, component: card('RecommendedNeeds', 'needs', 'needs') },
    { key: 'assignments', role: 'organizer', order: 10, component: OrganizerCard },
  ],
}

export default area
