// A stand-in for the browser's WebSocket in specs: the spec plays the server
// (open, frames, close codes) and reads what the app sent. Only the network
// boundary is faked; LiveSocket, the composables and pages run as they are.

export class FakeSocket {
  static instances: FakeSocket[] = []
  readyState = 0
  sent: Record<string, unknown>[] = []
  closedWith: number | undefined
  onopen: ((event: Event) => void) | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  onclose: ((event: CloseEvent) => void) | null = null
  onerror: ((event: Event) => void) | null = null

  constructor(public url: string) {
    FakeSocket.instances.push(this)
  }

  static reset() {
    FakeSocket.instances = []
  }

  static last(): FakeSocket {
    const socket = FakeSocket.instances.at(-1)
    if (!socket) throw new Error('no socket was opened')
    return socket
  }

  static factory = (url: string) => new FakeSocket(url) as unknown as WebSocket

  send(text: string) {
    this.sent.push(JSON.parse(text) as Record<string, unknown>)
  }

  close(code = 1000) {
    this.closedWith = code
    this.readyState = 3
  }

  // --- the server's side ---
  open() {
    this.readyState = 1
    this.onopen?.(new Event('open'))
  }

  frame(type: string, data: unknown) {
    this.onmessage?.({ data: JSON.stringify({ type, data }) } as MessageEvent)
  }

  serverClose(code: number) {
    this.readyState = 3
    this.onclose?.({ code } as CloseEvent)
  }
}
