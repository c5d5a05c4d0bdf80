// The pitch programme generator: "ten 12-minute pitches with 3 minutes of Q&A,
// 2 minutes between them". The backend's generate call takes one length per
// slot (pitch + Q&A) and the gap; this previews what it will create.
import { addMinutesToWall, fromWall } from './time'

export interface SlotPlanInput {
  /** First pitch starts (Shanghai wall time). */
  start: string
  count: number
  pitchMinutes: number
  qaMinutes: number
  gapMinutes: number
  labelPrefix: string
}

export interface PlannedSlot {
  starts: string
  ends: string
  label: string
}

export function planSlots(input: SlotPlanInput): PlannedSlot[] {
  const length = input.pitchMinutes + input.qaMinutes
  if (!input.start || input.count < 1 || length < 1) return []
  const slots: PlannedSlot[] = []
  let at = input.start
  for (let i = 0; i < Math.min(input.count, 100); i++) {
    const ends = addMinutesToWall(at, length)
    slots.push({ starts: at, ends, label: `${input.labelPrefix || '#'}${i + 1}` })
    at = addMinutesToWall(ends, input.gapMinutes)
  }
  return slots
}

/** The body of POST /api/events/{id}/slots/generate. */
export function generateBody(input: SlotPlanInput) {
  return {
    start: fromWall(input.start),
    count: input.count,
    minutes: input.pitchMinutes + input.qaMinutes,
    gap_minutes: input.gapMinutes,
    label_prefix: input.labelPrefix,
  }
}

/** Whether the planned programme runs past the event's end (ISO). */
export function overrunsEvent(plan: PlannedSlot[], eventEnds: string): boolean {
  const last = plan.at(-1)
  return last !== undefined && new Date(fromWall(last.ends)).getTime() > new Date(eventEnds).getTime()
}
