import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeSocket } from './fakeSocket'
import { backoffDelay, type Frame, LiveSocket, type LiveStatus, wsUrl } from './socket'

function make(overrides: Partial<ConstructorParameters<typeof LiveSocket>[0]> = {}) {
  const frames: Frame[] = []
  const statuses: [LiveStatus, number | undefined][] = []
  const socket = new LiveSocket({
    path: '/ws/events/3/live?view=audience',
    onFrame: (f) => frames.push(f),
    onStatus: (s, code) => statuses.push([s, code]),
    makeSocket: FakeSocket.factory,
    random: () => 1, // no jitter: delays are exact
    ...overrides,
  })
  return { socket, frames, statuses }
}

describe('LiveSocket', () => {
  beforeEach(() => {
    FakeSocket.reset()
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  it('builds ws:// or wss:// URLs on this origin', () => {
    expect(wsUrl('/ws/x', { protocol: 'http:', host: 'a:8000' })).toBe('ws://a:8000/ws/x')
    expect(wsUrl('/ws/x', { protocol: 'https:', host: 'b.cn' })).toBe('wss://b.cn/ws/x')
  })

  it('doubles the delay up to the cap, with jitter between 50 and 100 %', () => {
    expect([0, 1, 2, 3, 10].map((n) => backoffDelay(n, 500, 15_000, () => 1))).toEqual([500, 1000, 2000, 4000, 15_000])
    expect(backoffDelay(2, 500, 15_000, () => 0)).toBe(1000)
  })

  it('passes frames on and reconnects with backoff after a drop', () => {
    const { socket, frames, statuses } = make()
    socket.start()
    const first = FakeSocket.last()
    expect(first.url).toBe('ws://localhost:3000/ws/events/3/live?view=audience')
    first.open()
    first.frame('snapshot', { room: 1 })
    expect(frames).toEqual([{ type: 'snapshot', data: { room: 1 } }])

    first.serverClose(1006) // network drop
    expect(statuses.at(-1)).toEqual(['reconnecting', 1006])
    vi.advanceTimersByTime(499)
    expect(FakeSocket.instances).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(FakeSocket.instances).toHaveLength(2)

    FakeSocket.last().serverClose(1012) // the server restarts, refusing while it is down
    vi.advanceTimersByTime(999)
    expect(FakeSocket.instances).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(FakeSocket.instances).toHaveLength(3)
    FakeSocket.last().open()
    expect(statuses.at(-1)).toEqual(['open', undefined])

    // Once open again, the next drop starts from the shortest delay.
    FakeSocket.last().serverClose(1006)
    vi.advanceTimersByTime(500)
    expect(FakeSocket.instances).toHaveLength(4)
    socket.stop()
  })

  it('does not retry a refusal and reports its close code', () => {
    const { socket, statuses } = make()
    socket.start()
    FakeSocket.last().open()
    FakeSocket.last().serverClose(4403)
    vi.advanceTimersByTime(60_000)
    expect(FakeSocket.instances).toHaveLength(1)
    expect(statuses.at(-1)).toEqual(['refused', 4403])
    expect(socket.status).toBe('refused')
  })

  it('matches acks and errors to requests by ref', async () => {
    const { socket } = make()
    socket.start()
    const server = FakeSocket.last()
    server.open()
    const ok = socket.request({ type: 'command', command: 'next' })
    const refused = socket.request({ type: 'command', command: 'start' })
    expect(server.sent.map((m) => m.ref)).toEqual(['r1', 'r2'])
    server.frame('error', { ref: 'r2', code: 'forbidden', message: '仅组织者 · Organizers only', errors: {} })
    server.frame('ack', { ref: 'r1', version: 4 })
    await expect(ok).resolves.toMatchObject({ version: 4 })
    await expect(refused).rejects.toMatchObject({ code: 'forbidden' })
  })

  it('refuses requests while offline and fails the pending ones on a drop', async () => {
    const { socket } = make()
    socket.start()
    await expect(socket.request({ type: 'ping' })).rejects.toMatchObject({ code: 'offline' })
    FakeSocket.last().open()
    const pending = socket.request({ type: 'command', command: 'next' })
    FakeSocket.last().serverClose(1006)
    await expect(pending).rejects.toMatchObject({ code: 'offline' })
    socket.stop()
  })

  it('treats an unanswered ping as a dead link and reconnects', () => {
    const { socket } = make({ pingEveryMs: 1000, pingTimeoutMs: 500 })
    socket.start()
    const first = FakeSocket.last()
    first.open()
    vi.advanceTimersByTime(1000)
    expect(first.sent).toEqual([{ type: 'ping' }])
    vi.advanceTimersByTime(500)
    expect(first.closedWith).toBe(4000)
    vi.advanceTimersByTime(500)
    expect(FakeSocket.instances).toHaveLength(2)
    socket.stop()
  })

  it('a ping answered in time keeps the link', () => {
    const { socket } = make({ pingEveryMs: 1000, pingTimeoutMs: 500 })
    socket.start()
    const first = FakeSocket.last()
    first.open()
    vi.advanceTimersByTime(1000)
    first.frame('pong', { ref: null })
    vi.advanceTimersByTime(900)
    expect(first.closedWith).toBeUndefined()
    socket.stop()
    expect(first.closedWith).toBe(1000)
  })

  it('reconnects at once when the browser comes back online', () => {
    const { socket } = make({ initialDelayMs: 10_000 })
    socket.start()
    FakeSocket.last().serverClose(1006)
    expect(FakeSocket.instances).toHaveLength(1)
    window.dispatchEvent(new Event('online'))
    expect(FakeSocket.instances).toHaveLength(2)
    socket.stop()
  })
})
