import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mockFetch } from '@/test/fetch'
import { makeMe } from '@/test/factories'
import { withSetup } from '@/test/mount'
import { buildTree, useTrees } from './refs'
import { REGIONS, TREES } from './testing'

describe('buildTree', () => {
  it('nests rows under their parents, in the order given, with ids as strings', () => {
    expect(buildTree(REGIONS, (r) => r.name)).toEqual([
      { value: '1', label: '吉林省', children: [{ value: '2', label: '长春市' }] },
      { value: '3', label: '河北省', children: [{ value: '4', label: '邢台市' }] },
    ])
  })

  it('keeps a row whose parent is missing as a root', () => {
    expect(buildTree([REGIONS[1]], (r) => r.name)).toEqual([{ value: '2', label: '长春市' }])
  })
})

describe('useTrees', () => {
  it('loads both trees once and names places in the interface language', async () => {
    const { calls } = mockFetch(TREES)
    const me = makeMe()
    const { result, i18n } = await withSetup(() => useTrees(), { me })
    await flushPromises()

    expect(result.regionPath(2)).toBe('吉林省 / 长春市')
    expect(result.industryName(11)).toBe('光电子')
    expect(result.regionTree.value.map((o) => o.label)).toEqual(['吉林省', '河北省'])
    i18n.global.locale.value = 'en'
    expect(result.regionPath(2)).toBe('Jilin / Changchun')
    expect(result.industryTree.value[0].label).toBe('Electronics')

    await result.refs.ensure()
    expect(calls.filter((c) => c.path === '/api/regions')).toHaveLength(1)
  })

  it('lets a failed load be retried', async () => {
    let fail = true
    mockFetch({
      'GET /api/regions': () => (fail ? { status: 503, body: {} } : TREES['GET /api/regions']),
      'GET /api/industries': TREES['GET /api/industries'],
    } as never)
    const { result } = await withSetup(() => useTrees(), { me: makeMe() })
    await flushPromises()
    expect(result.refs.error?.status).toBe(503)

    fail = false
    await result.refs.ensure()
    expect(result.refs.error).toBeNull()
    expect(result.regionName(4)).toBe('邢台市')
  })
})
