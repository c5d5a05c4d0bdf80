// One organisation as its profile page and edit form need it: the generic row
// (every kind has one, it tells the kind) and, for startups, investors and
// banks, the row of the kind's endpoint with the profile fields. An
// organisation whose profile was never set up (a startup without a stage yet)
// answers 404 there: it is shown, and edited, with its generic fields only.
import { computed, shallowRef, ref } from 'vue'
import { api, type Schemas } from '@/api/client'
import { ApiError, toApiError } from '@/api/errors'
import { unwrap } from '@/api/result'
import { useAuth } from '@/stores/auth'

export type OrgKind = Schemas['OrganisationKindEnum']
export type Profile =
  | { kind: 'startup'; data: Schemas['Startup'] }
  | { kind: 'investor'; data: Schemas['Investor'] }
  | { kind: 'bank'; data: Schemas['Bank'] }

export const PROFILE_KINDS = ['startup', 'investor', 'bank'] as const

async function fetchProfile(kind: OrgKind, id: number): Promise<Profile | null> {
  const path = { params: { path: { id } } }
  try {
    if (kind === 'startup') return { kind, data: await unwrap(api.GET('/api/startups/{id}', path)) }
    if (kind === 'investor') return { kind, data: await unwrap(api.GET('/api/investors/{id}', path)) }
    if (kind === 'bank') return { kind, data: await unwrap(api.GET('/api/banks/{id}', path)) }
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null
    throw e
  }
  return null
}

export function useOrganisation(id: () => number) {
  const auth = useAuth()
  const general = shallowRef<Schemas['Organisation'] | null>(null)
  const profile = shallowRef<Profile | null>(null)
  const error = shallowRef<ApiError | null>(null)
  const loading = ref(false)
  let latest = 0

  async function load() {
    const run = ++latest
    loading.value = true
    error.value = null
    try {
      const target = id()
      if (!Number.isInteger(target)) throw new ApiError(404, {})
      const row = await unwrap(api.GET('/api/organisations/{id}', { params: { path: { id: target } } }))
      const detail = await fetchProfile(row.kind, target)
      if (run !== latest) return
      general.value = row
      profile.value = detail
    } catch (e) {
      if (run !== latest) return
      general.value = null
      profile.value = null
      error.value = toApiError(e)
    } finally {
      if (run === latest) loading.value = false
    }
  }

  /** The viewer's membership, from /api/auth/me (none for non-members). */
  const membership = computed(() => auth.me?.organisations.find((o) => o.id === id()) ?? null)
  /** Members and platform admins edit; the API enforces the same rule. */
  const canEdit = computed(() => !!membership.value || !!auth.me?.is_platform_admin)

  return { general, profile, error, loading, load, membership, canEdit }
}
