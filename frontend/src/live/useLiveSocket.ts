// A LiveSocket tied to the component that uses it: started at once, stopped
// when the component goes away, with its status as refs.
import { onScopeDispose, ref, type Ref } from 'vue'
import { type Frame, LiveSocket, type LiveSocketOptions, type LiveStatus } from './socket'

export interface UseLiveSocket {
  status: Ref<LiveStatus>
  closeCode: Ref<number | undefined>
  socket: LiveSocket
}

/** Factory used by every live composable; specs replace it to hand in a fake socket. */
let makeSocket: LiveSocketOptions['makeSocket'] | undefined
export function setSocketFactory(factory: LiveSocketOptions['makeSocket'] | undefined) {
  makeSocket = factory
}
export function socketFactory(): LiveSocketOptions['makeSocket'] {
  return makeSocket
}

export function useLiveSocket(
  path: string,
  onFrame: (frame: Frame) => void,
  options: Partial<LiveSocketOptions> = {},
): UseLiveSocket {
  const status = ref<LiveStatus>('connecting')
  const closeCode = ref<number | undefined>()
  const socket = new LiveSocket({
    path,
    onFrame,
    makeSocket,
    ...options,
    onStatus: (value, code) => {
      status.value = value
      closeCode.value = code
    },
  })
  socket.start()
  onScopeDispose(() => socket.stop())
  return { status, closeCode, socket }
}
