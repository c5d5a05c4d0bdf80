// jsdom lacks a few browser APIs that Element Plus uses.
import { afterEach, vi } from 'vitest'

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver
// async-validator (Element Plus forms) warns on every failed rule outside production.
;(globalThis as Record<string, unknown>).ASYNC_VALIDATOR_NO_WARNING = 1
// The router scrolls to the top on navigation; jsdom only logs "not implemented".
window.scrollTo = () => {}

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
  document.cookie.split('; ').forEach((c) => {
    const name = c.split('=')[0]
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`
  })
  localStorage.clear()
})


// Live sockets (src/live) talk to a fake server in specs; no spec opens a real WebSocket.
import { FakeSocket } from '@/live/fakeSocket'
import { setSocketFactory } from '@/live/useLiveSocket'
setSocketFactory(FakeSocket.factory)
