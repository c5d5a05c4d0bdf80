// A roadshow's live room for one view (audience, big screen, presenter, console):
// the state the server sent (snapshot on connect, then pushed slices), the
// countdown against the server's clock, and the commands of this view.
import { computed, onScopeDispose, reactive, ref, shallowRef } from 'vue'
import type { Frame, LiveError } from './socket'
import { remainingMs } from './countdown'
import { useLiveSocket } from './useLiveSocket'
import type {
  Command,
  CountsState,
  InterestsState,
  MeState,
  QuestionsState,
  RankingState,
  RoomState,
  Snapshot,
  View,
} from './types'

interface Staff {
  counts: CountsState | null
  ranking: RankingState | null
  pending: QuestionsState | null
  interests: InterestsState | null
}

/** Keep a slice only if it is not older than the one held (a push read before the snapshot). */
function newer<T extends { seq: number }>(held: T | null, incoming: T): boolean {
  return !held || incoming.seq >= held.seq
}

export function useRoom(eventId: number, view: View, options: { tickMs?: number } = {}) {
  const room = shallowRef<RoomState | null>(null)
  const questions = shallowRef<QuestionsState | null>(null)
  const me = shallowRef<MeState | null>(null)
  const staff = reactive<Staff>({ counts: null, ranking: null, pending: null, interests: null })
  const myInterests = ref<number[]>([])
  /** Server clock minus ours (ms), from the last room state. */
  const offsetMs = ref(0)
  const now = ref(Date.now())

  function setRoom(next: RoomState) {
    if (room.value && next.version < room.value.version) return
    room.value = next
    offsetMs.value = next.server_time_ms - Date.now()
  }

  function onFrame(frame: Frame) {
    switch (frame.type) {
      case 'snapshot': {
        const data = frame.data as Snapshot
        room.value = null // the stored state wins, even over a newer-looking version held from before
        setRoom(data.room)
        questions.value = data.questions
        me.value = data.me
        myInterests.value = [...data.me.my_interests]
        if (data.staff) Object.assign(staff, data.staff)
        break
      }
      case 'room':
        setRoom(frame.data as RoomState)
        break
      case 'questions':
        if (newer(questions.value, frame.data as QuestionsState)) questions.value = frame.data as QuestionsState
        break
      case 'counts':
      case 'ranking':
      case 'pending':
      case 'interests': {
        const key = frame.type
        const incoming = frame.data as Staff[typeof key] & { seq: number }
        if (newer(staff[key] as { seq: number } | null, incoming)) (staff as Record<string, unknown>)[key] = incoming
        break
      }
    }
  }

  const { status, closeCode, socket } = useLiveSocket(`/ws/events/${eventId}/live?view=${view}`, onFrame)

  const timer = setInterval(() => (now.value = Date.now()), options.tickMs ?? 250)
  onScopeDispose(() => clearInterval(timer))

  const remaining = computed(() => remainingMs(room.value, now.value, offsetMs.value))
  const isMine = (booking: number | undefined | null) => !!booking && !!me.value?.my_bookings.includes(booking)

  async function command(name: Command, extra: Record<string, unknown> = {}) {
    return socket.request({ type: 'command', command: name, ...extra })
  }
  async function ask(text: string) {
    return socket.request({ type: 'question.ask', text })
  }
  async function moderate(question: number, action: 'approve' | 'reject' | 'answered') {
    return socket.request({ type: 'question.moderate', question, action })
  }
  async function signalInterest(startup?: number) {
    const ack = await socket.request({ type: 'interest', ...(startup ? { startup } : {}) })
    const id = Number(ack.startup)
    if (!myInterests.value.includes(id)) myInterests.value = [...myInterests.value, id]
    return ack
  }

  return {
    room,
    questions,
    me,
    staff,
    myInterests,
    status,
    closeCode,
    remaining,
    offsetMs,
    isMine,
    command,
    ask,
    moderate,
    signalInterest,
  }
}

export type Room = ReturnType<typeof useRoom>
export type { LiveError }
