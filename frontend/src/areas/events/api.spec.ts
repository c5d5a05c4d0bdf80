import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/errors'
import { roomConflicts, todayShanghai, weightedMean } from './api'

describe('events api helpers', () => {
  it('reads the conflicting events of a 409, for events and for series', () => {
    const brief = { id: 7, title: '光电子项目路演', starts: 's', ends: 'e', room: 1 }
    expect(roomConflicts(new ApiError(409, { message: 'x', conflicts: [brief], conflict: brief }))).toEqual([brief])
    expect(roomConflicts(new ApiError(409, { message: 'x', conflicts: [{ occurrence: 'o', conflict: brief }] }))).toEqual([
      brief,
    ])
    expect(roomConflicts(new ApiError(400, { message: 'x', conflicts: [brief] }))).toEqual([])
    expect(roomConflicts(new Error('x'))).toEqual([])
  })

  it('weighs a score sheet like the ranking does', () => {
    const criteria = [
      { id: 1, weight: '3.00' },
      { id: 2, weight: '1.00' },
    ]
    expect(weightedMean(criteria, { 1: 8, 2: 4 })).toBe(7)
    expect(weightedMean(criteria, { 1: 8 })).toBeNull()
    expect(weightedMean([], {})).toBeNull()
  })

  it('knows the day in Shanghai', () => {
    expect(todayShanghai(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24')
  })
})
