import { describe, expect, it } from 'vitest'
import { useApi } from './useApi'

function answer<T>(data: T, status = 200) {
  return { data, response: new Response(null, { status }) }
}

describe('useApi', () => {
  it('holds the data and clears loading', async () => {
    const call = useApi(async (id: number) => answer({ id }))

    const pending = call.run(3)
    expect(call.loading.value).toBe(true)
    await expect(pending).resolves.toEqual({ id: 3 })

    expect(call.data.value).toEqual({ id: 3 })
    expect(call.loading.value).toBe(false)
    expect(call.error.value).toBeNull()
  })

  it('holds the error of a failed call and resolves to undefined', async () => {
    const call = useApi(async () => ({
      error: { message: '名额已满 · The event is full.', code: 'conflict', errors: {} },
      response: new Response(null, { status: 409 }),
    }))

    await expect(call.run()).resolves.toBeUndefined()

    expect(call.error.value?.status).toBe(409)
    expect(call.error.value?.code).toBe('conflict')
  })

  it('lets only the last of overlapping runs land', async () => {
    const resolvers: Array<() => void> = []
    const call = useApi(
      (n: number) => new Promise<ReturnType<typeof answer<number>>>((r) => resolvers.push(() => r(answer(n)))),
    )

    const first = call.run(1)
    const second = call.run(2)
    resolvers[1]()
    await second
    resolvers[0]()
    await first

    expect(call.data.value).toBe(2)
    expect(call.loading.value).toBe(false)
  })
})
