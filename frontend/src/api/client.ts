// Typed API client: paths and bodies come from the backend's OpenAPI schema
// (src/api/schema.d.ts, regenerated with `make api-types`), never by hand.
// The browser app authenticates with the session cookie and echoes the CSRF
// cookie in X-CSRFToken; no token is ever kept in browser storage.
import createClient, { type Middleware } from 'openapi-fetch'
import type { components, paths } from './schema'

export type Schemas = components['schemas']
export type Role = Schemas['RoleEnum']

export function csrfToken(): string {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('csrftoken='))
  return cookie ? decodeURIComponent(cookie.slice('csrftoken='.length)) : ''
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The language the API should answer in (Django's LocaleMiddleware reads it). */
let acceptLanguage = 'zh-hans'
export function setApiLanguage(language: string) {
  acceptLanguage = language
}

type UnauthorizedHandler = (request: Request) => void
let onUnauthorized: UnauthorizedHandler | null = null
/** Called when the API answers 401 (session expired): the router sends the user to the login page. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null) {
  onUnauthorized = handler
}

const middleware: Middleware = {
  onRequest({ request }) {
    if (!SAFE.has(request.method)) request.headers.set('X-CSRFToken', csrfToken())
    request.headers.set('Accept-Language', acceptLanguage)
    return request
  },
  onResponse({ request, response }) {
    if (response.status === 401 && onUnauthorized) onUnauthorized(request)
    return response
  },
}

export const api = createClient<paths>({
  // Absolute (same origin): Request objects need one outside the browser too (specs).
  baseUrl: globalThis.location?.origin ?? '',
  credentials: 'same-origin',
  // Look fetch up per call (not once at import) so that specs can stub it.
  fetch: (request: Request) => globalThis.fetch(request),
})
api.use(middleware)

/** Every list endpoint answers with DRF's page (backend/core/pagination.py). */
export interface Page<T> {
  count: number
  next?: string | null
  previous?: string | null
  results: T[]
}
