// A long job's progress and result, live: `const job = useJob(id)` then
// <JobProgress :id="id" /> or job.progress / job.status / job.result.
// The job runs in the job queue's worker: leaving the page stops only the
// watching, never the job; coming back shows where it is.
import { computed, shallowRef } from 'vue'
import { useLiveSocket } from './useLiveSocket'
import type { Frame } from './socket'
import type { JobState } from './types'

export function useJob(id: number) {
  const job = shallowRef<JobState | null>(null)

  function onFrame(frame: Frame) {
    if (frame.type === 'job.update') job.value = frame.data as JobState
  }

  const { status, closeCode } = useLiveSocket(`/ws/jobs/${id}`, onFrame)

  return {
    job,
    status,
    closeCode,
    progress: computed(() => job.value?.progress ?? 0),
    done: computed(() => job.value?.status === 'succeeded' || job.value?.status === 'failed'),
    succeeded: computed(() => job.value?.status === 'succeeded'),
    failed: computed(() => job.value?.status === 'failed'),
    result: computed(() => (job.value?.status === 'succeeded' ? job.value.result : null)),
  }
}
