// One WebSocket to the backend's live endpoints (/ws/...), kept open: it
// reconnects with exponential backoff (and jitter) after a network drop or a
// server restart, at once when the browser comes back online, and detects a
// dead connection by a ping that gets no answer. On every (re)connect the
// server sends the stored state first, so nothing is replayed here.
//
// Frames are JSON `{type, data}` (events/live/README.md). A refusal closes with
// a 44xx code (not logged in, not allowed, not found): that is final, no retry.

export interface Frame<T = unknown> {
  type: string
  data: T
}

export type LiveStatus = 'connecting' | 'open' | 'reconnecting' | 'refused' | 'closed'

/** Close codes of events/live/consumers.py: the server will say the same again, so do not retry. */
export const CLOSE_CODES = { badRequest: 4400, unauthenticated: 4401, forbidden: 4403, notFound: 4404 } as const
const FINAL = new Set<number>(Object.values(CLOSE_CODES))

export interface LiveError {
  code: string
  message: string
  errors: Record<string, string[]>
}

export interface LiveSocketOptions {
  /** Path on this origin, e.g. /ws/events/3/live?view=audience */
  path: string
  onFrame: (frame: Frame) => void
  onStatus?: (status: LiveStatus, closeCode?: number) => void
  /** For specs: build the socket (default: the browser's WebSocket on this origin). */
  makeSocket?: (url: string) => WebSocket
  initialDelayMs?: number
  maxDelayMs?: number
  /** A ping every so often; no frame within `pingTimeoutMs` after it means the link is dead. */
  pingEveryMs?: number
  pingTimeoutMs?: number
  requestTimeoutMs?: number
  random?: () => number
}

export function wsUrl(path: string, location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`
}

/** Delay before reconnect attempt `attempt` (0-based): doubling, capped, with 50–100 % jitter. */
export function backoffDelay(attempt: number, initial: number, max: number, random: () => number = Math.random) {
  const base = Math.min(max, initial * 2 ** Math.min(attempt, 20))
  return Math.round(base * (0.5 + random() * 0.5))
}

interface Pending {
  resolve: (data: Record<string, unknown>) => void
  reject: (error: LiveError) => void
  timer: ReturnType<typeof setTimeout>
}

export class LiveSocket {
  status: LiveStatus = 'closed'
  closeCode: number | undefined
  private socket: WebSocket | null = null
  private attempt = 0
  private stopped = true
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private pingTimer: ReturnType<typeof setInterval> | null = null
  private deadTimer: ReturnType<typeof setTimeout> | null = null
  private refs = 0
  private pending = new Map<string, Pending>()
  private readonly options: Required<Omit<LiveSocketOptions, 'onStatus' | 'makeSocket'>> &
    Pick<LiveSocketOptions, 'onStatus' | 'makeSocket'>

  constructor(options: LiveSocketOptions) {
    this.options = {
      initialDelayMs: 500,
      maxDelayMs: 15_000,
      pingEveryMs: 25_000,
      pingTimeoutMs: 10_000,
      requestTimeoutMs: 10_000,
      random: Math.random,
      ...options,
    }
  }

  start() {
    if (!this.stopped) return
    this.stopped = false
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline)
    this.open()
  }

  stop() {
    this.stopped = true
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline)
    this.clearTimers()
    const socket = this.socket
    this.socket = null
    if (socket && socket.readyState <= 1) socket.close(1000)
    this.failPending('closed')
    this.setStatus('closed')
  }

  /** Send a message; false when not connected (the caller may tell the user). */
  send(message: Record<string, unknown>): boolean {
    if (!this.socket || this.socket.readyState !== 1) return false
    this.socket.send(JSON.stringify(message))
    return true
  }

  /** Send and wait for the server's `ack` (resolves) or `error` (rejects) with the same ref. */
  request(message: Record<string, unknown>): Promise<Record<string, unknown>> {
    const ref = `r${++this.refs}`
    return new Promise((resolve, reject) => {
      if (!this.send({ ...message, ref })) {
        reject({ code: 'offline', message: '', errors: {} } satisfies LiveError)
        return
      }
      const timer = setTimeout(() => {
        this.pending.delete(ref)
        reject({ code: 'timeout', message: '', errors: {} } satisfies LiveError)
      }, this.options.requestTimeoutMs)
      this.pending.set(ref, { resolve, reject, timer })
    })
  }

  private onOnline = () => {
    if (this.stopped || this.status === 'open' || this.status === 'refused') return
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    this.attempt = 0
    this.open()
  }

  private setStatus(status: LiveStatus, code?: number) {
    this.status = status
    this.closeCode = code
    this.options.onStatus?.(status, code)
  }

  private open() {
    this.setStatus(this.attempt === 0 ? 'connecting' : 'reconnecting')
    const make = this.options.makeSocket ?? ((url: string) => new WebSocket(url, ['innolink']))
    let socket: WebSocket
    try {
      socket = make(wsUrl(this.options.path))
    } catch {
      this.scheduleRetry()
      return
    }
    this.socket = socket
    socket.onopen = () => {
      if (socket !== this.socket) return
      this.attempt = 0
      this.setStatus('open')
      this.startPings()
    }
    socket.onmessage = (event: MessageEvent) => {
      if (socket !== this.socket) return
      this.alive()
      let frame: Frame
      try {
        frame = JSON.parse(String(event.data)) as Frame
      } catch {
        return
      }
      if (frame.type === 'ack' || frame.type === 'error') this.settle(frame)
      this.options.onFrame(frame)
    }
    socket.onclose = (event: CloseEvent) => this.closed(socket, event.code)
    // An error is always followed by close; nothing to do here.
    socket.onerror = () => undefined
  }

  private closed(socket: WebSocket, code: number) {
    if (socket !== this.socket) return
    this.socket = null
    this.clearTimers()
    this.failPending('offline')
    if (this.stopped) return
    if (FINAL.has(code)) {
      this.setStatus('refused', code)
      return
    }
    this.scheduleRetry(code)
  }

  private scheduleRetry(code?: number) {
    const delay = backoffDelay(this.attempt, this.options.initialDelayMs, this.options.maxDelayMs, this.options.random)
    this.attempt += 1
    this.setStatus('reconnecting', code)
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      if (!this.stopped) this.open()
    }, delay)
  }

  private startPings() {
    this.pingTimer = setInterval(() => {
      if (!this.send({ type: 'ping' })) return
      if (!this.deadTimer) {
        this.deadTimer = setTimeout(() => {
          // No answer: the link is gone without a close (sleeping laptop, dropped Wi-Fi).
          const socket = this.socket
          if (!socket) return
          socket.close(4000)
          this.closed(socket, 4000)
        }, this.options.pingTimeoutMs)
      }
    }, this.options.pingEveryMs)
  }

  private alive() {
    if (this.deadTimer) clearTimeout(this.deadTimer)
    this.deadTimer = null
  }

  private clearTimers() {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    if (this.pingTimer) clearInterval(this.pingTimer)
    if (this.deadTimer) clearTimeout(this.deadTimer)
    this.retryTimer = this.pingTimer = this.deadTimer = null
  }

  private settle(frame: Frame) {
    const data = (frame.data ?? {}) as Record<string, unknown>
    const ref = typeof data.ref === 'string' ? data.ref : null
    const waiting = ref ? this.pending.get(ref) : undefined
    if (!ref || !waiting) return
    this.pending.delete(ref)
    clearTimeout(waiting.timer)
    if (frame.type === 'ack') waiting.resolve(data)
    else waiting.reject(data as unknown as LiveError)
  }

  private failPending(code: string) {
    for (const [, waiting] of this.pending) {
      clearTimeout(waiting.timer)
      waiting.reject({ code, message: '', errors: {} })
    }
    this.pending.clear()
  }
}
