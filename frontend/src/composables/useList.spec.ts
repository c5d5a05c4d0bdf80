import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { Page } from '@/api/client'
import type { FetchResult } from '@/api/result'
import { makeMe } from '@/test/factories'
import { withSetup } from '@/test/mount'
import { type ListParams, useList } from './useList'

interface Row {
  id: number
}
type Query = ListParams & { q?: string; industry?: string[] }

function fakeApi(count = 45) {
  const queries: Query[] = []
  const fetcher = async (query: Query): Promise<FetchResult<Page<Row>>> => {
    queries.push(query)
    const start = (query.page - 1) * query.page_size
    if (start >= count && query.page > 1) {
      return { error: { message: '无效页面。', code: 'not_found', errors: {} }, response: new Response(null, { status: 404 }) }
    }
    const results = Array.from({ length: Math.max(0, Math.min(query.page_size, count - start)) }, (_, i) => ({
      id: start + i + 1,
    }))
    return { data: { count, results }, response: new Response(null, { status: 200 }) }
  }
  return { queries, fetcher }
}

const me = makeMe({ roles: ['investor'] })
const filters = { q: '', industry: [] as string[] }

describe('useList', () => {
  it('reads page, page size and filters from the URL', async () => {
    const api = fakeApi()
    const { result: list } = await withSetup(() => useList(api.fetcher, { filters }), {
      me,
      at: '/?page=2&page_size=10&q=光电&industry=3&industry=7',
    })
    await flushPromises()

    expect(api.queries).toEqual([{ page: 2, page_size: 10, q: '光电', industry: ['3', '7'] }])
    expect(list.items.map((r) => r.id)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20])
    expect(list.count).toBe(45)
    expect(list.filters).toEqual({ q: '光电', industry: ['3', '7'] })
  })

  it('puts applied filters in the URL, back on page 1, and loads them', async () => {
    const api = fakeApi()
    const { result: list, router } = await withSetup(() => useList(api.fetcher, { filters }), { me, at: '/?page=3' })
    await flushPromises()

    await list.apply({ q: '芯片' })
    await flushPromises()

    expect(router.currentRoute.value.fullPath).toBe('/?q=%E8%8A%AF%E7%89%87')
    expect(api.queries.at(-1)).toEqual({ page: 1, page_size: 20, q: '芯片' })
  })

  it('follows back and forward', async () => {
    const api = fakeApi()
    const { result: list, router } = await withSetup(() => useList(api.fetcher, { filters }), { me })
    await flushPromises()
    await list.setPage(2)
    await flushPromises()

    router.back()
    await flushPromises()
    // memory history navigates asynchronously
    await new Promise((r) => setTimeout(r, 0))
    await flushPromises()

    expect(list.page).toBe(1)
    expect(api.queries.map((q) => q.page)).toEqual([1, 2, 1])
  })

  it('keeps query keys it does not own and leaves defaults out', async () => {
    const api = fakeApi()
    const { result: list, router } = await withSetup(() => useList(api.fetcher, { filters }), {
      me,
      at: '/?tab=map&page=2',
    })
    await flushPromises()

    await list.setPageSize(50)
    await flushPromises()

    expect(router.currentRoute.value.query).toEqual({ tab: 'map', page_size: '50' })
  })

  it('reloads when the same search is applied again', async () => {
    const api = fakeApi()
    const { result: list } = await withSetup(() => useList(api.fetcher, { filters }), { me, at: '/?q=a' })
    await flushPromises()

    await list.apply({ q: 'a' })
    await flushPromises()

    expect(api.queries).toHaveLength(2)
  })

  it('goes to page 1 when the page is past the end', async () => {
    const api = fakeApi(5)
    const { result: list, router } = await withSetup(() => useList(api.fetcher, { filters }), { me, at: '/?page=4' })
    await flushPromises()

    expect(router.currentRoute.value.fullPath).toBe('/')
    expect(list.error).toBeNull()
    expect(list.items).toHaveLength(5)
  })

  it('shows an error and no rows when the request fails', async () => {
    const failing = async (): Promise<FetchResult<Page<Row>>> => ({
      error: '<html>502</html>',
      response: new Response(null, { status: 502 }),
    })
    const { result: list } = await withSetup(() => useList(failing, { filters }), { me })
    await flushPromises()

    expect(list.error?.status).toBe(502)
    expect(list.items).toEqual([])
    expect(list.loading).toBe(false)
  })

  it('ignores an invalid page or page size in the URL', async () => {
    const api = fakeApi()
    const { result: list } = await withSetup(() => useList(api.fetcher, { filters }), {
      me,
      at: '/?page=-1&page_size=1000',
    })
    await flushPromises()

    expect(list.page).toBe(1)
    expect(list.pageSize).toBe(20)
    expect(api.queries[0]).toEqual({ page: 1, page_size: 20 })
  })
})
