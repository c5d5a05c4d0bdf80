// The API has one error shape (backend/core/errors.py):
//   {"message": str, "code": str, "errors": {field: [str]}, ...extra}
// Everything that can go wrong with a request (that shape, a proxy's HTML 502,
// a dropped network) becomes an ApiError here, so that pages handle one type.

export const NON_FIELD = 'non_field_errors'

export interface ApiErrorBody {
  message: string
  code: string
  errors: Record<string, string[]>
  [extra: string]: unknown
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly errors: Record<string, string[]>
  readonly body: Record<string, unknown>

  constructor(status: number, body: Partial<ApiErrorBody>) {
    super(body.message || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = body.code || (status === 0 ? 'network' : 'error')
    this.errors = body.errors ?? {}
    this.body = body
  }
}

function isErrorBody(value: unknown): value is Partial<ApiErrorBody> {
  // An Error thrown by fetch also has a `message`: it is no answer of the API.
  if (typeof value !== 'object' || value === null || value instanceof Error) return false
  return 'message' in value || 'errors' in value
}

/**
 * Normalise what openapi-fetch returns (or what fetch throws) into an ApiError.
 * `status` 0 means the request never got an answer.
 */
export function toApiError(error: unknown, response?: Response): ApiError {
  if (error instanceof ApiError) return error
  const status = response?.status ?? 0
  if (isErrorBody(error)) return new ApiError(status, error)
  return new ApiError(status, {})
}

/**
 * Backend messages are written "中文 · English". Show the half that matches the
 * interface language; a message without the separator is shown as it is.
 */
export function localizeMessage(message: string, locale: string): string {
  const at = message.indexOf(' · ')
  if (at < 0) return message
  return locale.startsWith('zh') ? message.slice(0, at) : message.slice(at + 3)
}
