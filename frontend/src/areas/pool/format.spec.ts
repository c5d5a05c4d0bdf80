import { describe, expect, it } from 'vitest'
import { formatDateTime, percent, reasonLabel } from './format'

describe('pool format', () => {
  it('shows scores as percentages', () => {
    expect(percent(0.8938)).toBe('89%')
  })
  it('shows reasons in the interface language', () => {
    const reason = { code: 'industry', zh: '产业：光电子', en: 'industry: optoelectronics', contribution: 0.2, data: {} }
    expect(reasonLabel(reason, 'zh-CN')).toBe('产业：光电子')
    expect(reasonLabel(reason, 'en')).toBe('industry: optoelectronics')
  })
  it('shows times in Beijing time', () => {
    expect(formatDateTime('2026-01-05T01:30:00Z')).toBe('2026-01-05 09:30')
    expect(formatDateTime(null)).toBe('—')
  })
})
