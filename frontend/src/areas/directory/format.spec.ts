import { describe, expect, it } from 'vitest'
import { formatMoney, formatMoneyRange, shiftDecimal, wanToYuan, yuanToWan } from './format'

describe('money conversions', () => {
  it.each([
    ['5000000.00', '500'],
    ['12345678.90', '1234.56789'],
    ['100', '0.01'],
    ['0.01', '0.000001'],
    ['-2500000', '-250'],
    ['0', '0'],
  ])('yuanToWan(%s) = %s', (yuan, wan) => {
    expect(yuanToWan(yuan)).toBe(wan)
  })

  it('round-trips without float error', () => {
    for (const yuan of ['12345678.9', '0.07', '99999999999.99', '3']) {
      expect(wanToYuan(yuanToWan(yuan))).toBe(shiftDecimal(yuan, 0))
    }
  })

  it('passes text that is not a number through, and empty as null', () => {
    expect(wanToYuan('abc')).toBe('abc')
    expect(wanToYuan(' ')).toBeNull()
    expect(yuanToWan(null)).toBe('')
    expect(shiftDecimal('.', 2)).toBeNull()
    expect(shiftDecimal('1.2.3', 2)).toBeNull()
  })

  it('formats in 万元 for Chinese and compact CNY for English', () => {
    expect(formatMoney('5000000.00', 'zh-CN')).toBe('500 万元')
    expect(formatMoney('123456789', 'zh-CN')).toBe('12,345.68 万元')
    expect(formatMoney('5000000', 'en')).toBe('CN¥5M')
    expect(formatMoney(null, 'en')).toBe('—')
    expect(formatMoneyRange('1000000', '10000000', 'zh-CN')).toBe('100 – 1,000 万元')
  })
})
