import { describe, expect, it } from 'vitest'
import { en, zhCN } from './messages'

// Every static key the area's code asks for must exist (a missing one shows
// as its raw key on the page). Dynamic keys (`events.types.${t}`) are checked
// by their prefix.
const sources = import.meta.glob(['./**/*.vue', './**/*.ts', '!./**/*.spec.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

function lookup(messages: object, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), messages)
}

describe('events messages', () => {
  const used = new Set<string>()
  const prefixes = new Set<string>()
  for (const text of Object.values(sources)) {
    for (const m of text.matchAll(/t\((['`])events\.([\w.]+?)(\$\{|\1)/g)) {
      if (m[3] === '${') prefixes.add(m[2].replace(/\.$/, ''))
      else used.add(m[2])
    }
  }

  it('finds the keys it checks', () => {
    expect(used.size).toBeGreaterThan(100)
  })

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('has every key the code uses in %s', (_name, messages) => {
    const missing = [...used].filter((key) => typeof lookup(messages, key.split('.')) !== 'string')
    expect(missing).toEqual([])
    const missingGroups = [...prefixes].filter((key) => typeof lookup(messages, key.split('.')) !== 'object')
    expect(missingGroups).toEqual([])
  })
})
