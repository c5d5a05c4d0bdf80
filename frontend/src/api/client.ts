// Typed API client: paths and bodies come from the backend's OpenAPI schema
// (src/api/schema.d.ts, regenerated with `make api-types`), never by hand.
import createClient, { type Middleware } from 'openapi-fetch'
import type { components, paths } from './schema'

export type Schemas = components['schemas']

/** The one error shape of the API (backend/core/errors.py). */
export interface ApiError {
  message: string
  code: string
  errors: Record<string, string[]>
  [extra: string]: unknown
}

export function csrfToken(): string {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('csrftoken='))
  return cookie ? decodeURIComponent(cookie.split('=')[1]) : ''
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

const csrf: Middleware = {
  onRequest({ request }) {
    if (!SAFE.has(request.method)) request.headers.set('X-CSRFToken', csrfToken())
    return request
  },
}

export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' })
api.use(csrf)

/** Turn an error body into field messages for Element Plus forms. */
export function fieldErrors(error: unknown): Record<string, string> {
  const e = error as Partial<ApiError> | undefined
  const out: Record<string, string> = {}
  for (const [field, messages] of Object.entries(e?.errors ?? {})) out[field] = messages.join(' ')
  return out
}
