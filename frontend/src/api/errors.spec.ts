import { describe, expect, it } from 'vitest'
import { ApiError, localizeMessage, toApiError } from './errors'
import { unwrap } from './result'

describe('toApiError', () => {
  it('keeps the API error shape and the status', () => {
    const body = { message: '输入有误 · Invalid input.', code: 'invalid', errors: { email: ['坏 · bad'] } }
    const error = toApiError(body, new Response(null, { status: 400 }))
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(400)
    expect(error.code).toBe('invalid')
    expect(error.errors).toEqual({ email: ['坏 · bad'] })
    expect(error.message).toBe('输入有误 · Invalid input.')
  })

  it('turns a body without the shape (a proxy page) into a status-only error', () => {
    const error = toApiError('<html>Bad gateway</html>', new Response(null, { status: 502 }))
    expect(error.status).toBe(502)
    expect(error.code).toBe('error')
    expect(error.errors).toEqual({})
  })

  it('marks a request that got no answer with status 0', () => {
    const error = toApiError(new TypeError('Failed to fetch'))
    expect(error.status).toBe(0)
    expect(error.code).toBe('network')
  })
})

describe('localizeMessage', () => {
  it('picks the half of "中文 · English" for the locale', () => {
    expect(localizeMessage('账号或密码错误 · Wrong account or password.', 'zh-CN')).toBe('账号或密码错误')
    expect(localizeMessage('账号或密码错误 · Wrong account or password.', 'en')).toBe('Wrong account or password.')
  })

  it('leaves a message without the separator alone', () => {
    expect(localizeMessage('Enter a valid email address.', 'zh-CN')).toBe('Enter a valid email address.')
  })
})

describe('unwrap', () => {
  it('returns the data of a successful call', async () => {
    const data = { id: 1 }
    await expect(unwrap(Promise.resolve({ data, response: new Response(null, { status: 200 }) }))).resolves.toBe(data)
  })

  it('throws an ApiError for an error answer', async () => {
    const call = Promise.resolve({
      error: { message: 'x', code: 'conflict', errors: {} },
      response: new Response(null, { status: 409 }),
    })
    await expect(unwrap(call)).rejects.toMatchObject({ status: 409, code: 'conflict' })
  })

  it('throws an ApiError with status 0 when fetch itself fails', async () => {
    await expect(unwrap(Promise.reject(new TypeError('Failed to fetch')))).rejects.toMatchObject({ status: 0 })
  })
})
