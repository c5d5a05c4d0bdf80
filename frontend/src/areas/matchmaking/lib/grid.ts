// The organizer's schedule grid: rows are slots, columns tables, cells meetings.
import type { Meeting, Slot, Table } from '../api'

export interface GridRow {
  slot: Slot
  cells: (Meeting | null)[]
}

export function scheduleGrid(slots: Slot[], tables: Table[], meetings: Meeting[]): GridRow[] {
  const at = new Map<string, Meeting>()
  for (const m of meetings) {
    if (m.slot && m.table && m.status === 'active') at.set(`${m.slot.id}:${m.table.id}`, m)
  }
  return slots.map((slot) => ({ slot, cells: tables.map((table) => at.get(`${slot.id}:${table.id}`) ?? null) }))
}

/** Meetings of the day that have no place yet (accepted after a run, or pushed out by a lock). */
export function unplaced(meetings: Meeting[]): Meeting[] {
  return meetings.filter((m) => m.status === 'active' && !m.slot)
}

/** Index of the last slot holding a meeting, plus one (the engine's "slots used"). */
export function slotsUsed(rows: GridRow[]): number {
  let last = -1
  rows.forEach((row, index) => {
    if (row.cells.some((c) => c !== null)) last = index
  })
  return last + 1
}

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed'

/** Poll until a job is done: `fetch` gets the job, `wait` sleeps between calls (tests pass a fake). */
export async function pollJob<T extends { status: string }>(
  fetch: () => Promise<T>,
  onUpdate: (job: T) => void,
  { interval = 800, limit = 600, wait = (ms: number) => new Promise((r) => setTimeout(r, ms)) } = {},
): Promise<T> {
  for (let i = 0; i < limit; i++) {
    const job = await fetch()
    onUpdate(job)
    if (job.status === 'succeeded' || job.status === 'failed') return job
    await wait(interval)
  }
  throw new Error('job did not finish')
}
