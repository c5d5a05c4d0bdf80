// The top bar's navigation, by role. Directory and event pages add their
// entries here (with the roles that may see them) as they land.
import type { Role } from '@/api/client'
import { AREAS } from '@/areas'
import type { RouteNamedMap } from './typed-routes'

/** Names of the pages that take no params (what a menu can link to). */
export type ParamlessRoute = {
  [K in keyof RouteNamedMap]: keyof RouteNamedMap[K]['params'] extends never ? K : never
}[keyof RouteNamedMap]

export interface NavItem {
  key: string
  /** vue-i18n key of the label. */
  label: string
  /** An app page … */
  route?: ParamlessRoute
  /** … or a server page outside the app (Django admin, API docs). */
  href?: string
  /** Shown to holders of any of these roles; everyone logged in when absent. */
  roles?: Role[]
}

export const NAV_ITEMS: NavItem[] = [
  { key: 'home', label: 'nav.home', route: 'home' },
  ...AREAS.flatMap((area) => area.nav ?? []),
  { key: 'admin-site', label: 'nav.adminSite', href: '/admin/', roles: ['admin'] },
  { key: 'api-docs', label: 'nav.apiDocs', href: '/api/docs/', roles: ['admin'] },
]

export function navFor(roles: readonly Role[], items: NavItem[] = NAV_ITEMS): NavItem[] {
  return items.filter((item) => !item.roles || item.roles.some((r) => roles.includes(r)))
}
