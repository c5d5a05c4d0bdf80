import { describe, expect, it } from 'vitest'
import { formatDateTime, percent } from './format'

describe('pool format', () => {
  it('shows scores as percentages', () => {
    expect(percent(0.8938)).toBe('89%')
  })
  it('shows times in Beijing time', () => {
    expect(formatDateTime('2026-01-05T01:30:00Z')).toBe('2026-01-05 09:30')
    expect(formatDateTime(null)).toBe('—')
  })
})
