// The signed-in user's notifications: the unread badge and the latest few, kept
// live over /ws/notifications. They are stored before they are pushed, so a
// reload (or a reconnect: the server sends its snapshot again) shows the same.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { api, type Schemas } from '@/api/client'
import { LiveSocket, type Frame } from './socket'
import { socketFactory } from './useLiveSocket'

export type Notification = Schemas['Notification']

interface Snapshot {
  unread: number
  latest: Notification[]
}

export const useNotifications = defineStore('notifications', () => {
  const unread = ref(0)
  const latest = shallowRef<Notification[]>([])
  /** Bumped on every pushed notification: pages showing a list reload on it. */
  const arrivals = ref(0)
  const connected = ref(false)
  let socket: LiveSocket | null = null
  const listeners = new Set<(n: Notification) => void>()

  function onFrame(frame: Frame) {
    if (frame.type === 'notifications') {
      const data = frame.data as Snapshot
      unread.value = data.unread
      latest.value = data.latest
    } else if (frame.type === 'notification') {
      const data = frame.data as Notification & { unread: number }
      unread.value = data.unread
      latest.value = [data, ...latest.value.filter((n) => n.id !== data.id)].slice(0, 10)
      arrivals.value += 1
      listeners.forEach((listener) => listener(data))
    } else if (frame.type === 'notifications.unread') {
      unread.value = (frame.data as { unread: number }).unread
    }
  }

  /** Start listening (idempotent): called once someone is logged in. */
  function start() {
    if (socket) return
    socket = new LiveSocket({
      path: '/ws/notifications',
      onFrame,
      makeSocket: socketFactory(),
      onStatus: (status) => {
        connected.value = status === 'open'
        // Without a live link (refused, or still trying) the badge still tells the truth.
        if (status === 'refused') void refreshCount()
      },
    })
    socket.start()
  }

  function stop() {
    socket?.stop()
    socket = null
    unread.value = 0
    latest.value = []
  }

  async function refreshCount() {
    const { data } = await api.GET('/api/notifications/unread-count')
    if (data) unread.value = data.unread
  }

  async function markRead(id: number) {
    const { data } = await api.POST('/api/notifications/{id}/read', { params: { path: { id } } })
    if (data) {
      latest.value = latest.value.map((n) => (n.id === id ? data : n))
      await refreshCount()
    }
    return data
  }

  async function markAllRead() {
    const { data } = await api.POST('/api/notifications/read-all')
    unread.value = 0
    latest.value = latest.value.map((n) => ({ ...n, is_read: true }))
    return data
  }

  /** Call *listener* for each notification pushed from now on; returns the way to stop. */
  function onArrival(listener: (n: Notification) => void) {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  const hasUnread = computed(() => unread.value > 0)

  return { unread, latest, arrivals, connected, hasUnread, start, stop, refreshCount, markRead, markAllRead, onArrival }
})
