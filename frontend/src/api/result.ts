// openapi-fetch answers {data} or {error} with the Response; these helpers turn
// that into a value or a thrown ApiError, so that callers use try/catch or the
// `error` ref of useApi, never raw bodies.
import { ApiError, toApiError } from './errors'

export interface FetchResult<T> {
  data?: T
  error?: unknown
  response: Response
}

function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError'
}

/** Await an openapi-fetch call; return its data or throw an ApiError. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>
  try {
    result = await call
  } catch (e) {
    if (isAbort(e)) throw e
    throw toApiError(e) // fetch itself failed: offline, DNS, connection refused
  }
  if (result.error !== undefined || !result.response.ok) throw toApiError(result.error, result.response)
  return result.data as T
}

export { ApiError, isAbort }
