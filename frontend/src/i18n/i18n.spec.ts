import { describe, expect, it } from 'vitest'
import { allMessages } from './index'

const { 'zh-CN': zhCN, en } = allMessages()

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

describe('messages', () => {
  it('has the same keys in Chinese and English', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
  })
  it('has no empty message', () => {
    for (const k of keys(zhCN)) expect(k.split('.').reduce((o: any, p) => o[p], zhCN)).not.toBe('')
  })
})
