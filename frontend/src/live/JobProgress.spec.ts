import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { FakeSocket } from './fakeSocket'
import { makeMe } from '@/test/factories'
import { mountWithApp } from '@/test/mount'
import JobProgress from './JobProgress.vue'

const state = (over: Record<string, unknown>) => ({
  id: 5,
  kind: 'matchmaking.schedule',
  status: 'running',
  progress: 0,
  message: '',
  result: null,
  error: '',
  ...over,
})

describe('JobProgress', () => {
  beforeEach(() => FakeSocket.reset())

  it('follows the job from queued to its result', async () => {
    const { wrapper } = await mountWithApp(JobProgress, { me: makeMe(), props: { id: 5 } })
    const server = FakeSocket.last()
    expect(server.url).toBe('ws://localhost:3000/ws/jobs/5')
    server.open()
    server.frame('job.update', state({ status: 'queued' }))
    await flushPromises()
    expect(wrapper.get('[data-test=job-status]').text()).toBe('排队中')

    server.frame('job.update', state({ progress: 40, message: '40/100' }))
    await flushPromises()
    expect(wrapper.get('[data-test=job-bar]').attributes('aria-valuenow')).toBe('40')
    expect(wrapper.get('[data-test=job-message]').text()).toBe('40/100')

    server.frame('job.update', state({ status: 'succeeded', progress: 100, result: { meetings: 12 } }))
    await flushPromises()
    expect(wrapper.get('[data-test=job-progress]').attributes('data-status')).toBe('succeeded')
    expect(wrapper.get('[data-test=job-result]').text()).toBe('已完成')
  })

  it('shows the error of a failed job, and a refusal', async () => {
    const { wrapper } = await mountWithApp(JobProgress, { me: makeMe(), props: { id: 5 } })
    FakeSocket.last().open()
    FakeSocket.last().frame('job.update', state({ status: 'failed', error: '数据不完整 · incomplete data' }))
    await flushPromises()
    expect(wrapper.get('[data-test=job-error]').text()).toBe('数据不完整')

    const other = await mountWithApp(JobProgress, { me: makeMe(), props: { id: 6 } })
    FakeSocket.last().open()
    FakeSocket.last().serverClose(4404)
    await flushPromises()
    expect(other.wrapper.text()).toContain('任务不存在或您无权查看')
  })
})
