// A stand-in for the network in specs: answers "METHOD /path" with JSON and
// records what the app sent. Only the HTTP boundary is faked, never our code.
import { vi } from 'vitest'

export interface MockAnswer {
  status?: number
  body?: unknown
}
export type MockHandler = MockAnswer | ((request: Request) => MockAnswer | Promise<MockAnswer>)

export interface RecordedCall {
  method: string
  path: string
  query: URLSearchParams
  body: unknown
  headers: Headers
}

export function mockFetch(routes: Record<string, MockHandler>) {
  const calls: RecordedCall[] = []
  const fetch = vi.fn(async (request: Request) => {
    const url = new URL(request.url)
    const text = await request.clone().text()
    calls.push({
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      body: text ? JSON.parse(text) : undefined,
      headers: request.headers,
    })
    const handler = routes[`${request.method} ${url.pathname}`]
    const answer: MockAnswer = handler
      ? typeof handler === 'function'
        ? await handler(request)
        : handler
      : { status: 404, body: { message: `not mocked: ${request.method} ${url.pathname}`, code: 'not_found', errors: {} } }
    const status = answer.status ?? 200
    if (status === 204) return new Response(null, { status })
    return new Response(JSON.stringify(answer.body ?? {}), { status, headers: { 'Content-Type': 'application/json' } })
  })
  vi.stubGlobal('fetch', fetch)
  return { calls, fetch }
}

/** The API's error shape, as backend/core/errors.py sends it. */
export function apiError(status: number, message: string, errors: Record<string, string[]> = {}, code = 'invalid') {
  return { status, body: { message, code, errors } }
}
