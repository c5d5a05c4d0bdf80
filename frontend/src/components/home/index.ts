// One section per role on the home page, in ROLE_ORDER. A feature that adds to
// a role's home (recommendations, upcoming events) goes into that section.
import type { Component } from 'vue'
import type { Role } from '@/api/client'
import AdminSection from './AdminSection.vue'
import BankSection from './BankSection.vue'
import InvestorSection from './InvestorSection.vue'
import MentorSection from './MentorSection.vue'
import OrganizerSection from './OrganizerSection.vue'
import StartupSection from './StartupSection.vue'

export const SECTIONS: Record<Role, Component> = {
  startup: StartupSection,
  mentor: MentorSection,
  investor: InvestorSection,
  bank: BankSection,
  organizer: OrganizerSection,
  admin: AdminSection,
}
