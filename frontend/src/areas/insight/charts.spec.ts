import { describe, expect, it } from 'vitest'
import type { Breakdown, Ecosystem } from './api'
import { scopeParams, thisYear, workbookUrl } from './api'
import { breakdownOption, graphOption, NODE_TYPES, type NodeType } from './charts'
import { chartValue, formatValue } from './format'

const byType: Breakdown = {
  key: 'by_type',
  label: '按类型',
  label_en: 'By type',
  chart: 'bar',
  columns: [
    { key: 'events', label: '活动场次', label_en: 'Events', unit: 'count', confidential: false, plotted: true },
    { key: 'rate', label: '到场率', label_en: 'Attendance', unit: 'percent', confidential: false, plotted: false },
  ],
  rows: [
    { key: 'roadshow', label: '项目路演', label_en: 'roadshow', values: { events: 3, rate: 80 }, suppressed: [] },
    { key: 'salon', label: '创业沙龙', label_en: 'salon', values: { events: 0, rate: null }, suppressed: [] },
  ],
}

const opts = { lang: 'zh-CN' as const, fileName: 'events-by_type', saveTitle: '下载PNG' }

describe('breakdownOption', () => {
  it('draws plotted columns as bars, labels in the interface language, with a PNG toolbox', () => {
    const option = breakdownOption(byType, opts) as any
    expect(option.xAxis.data).toEqual(['项目路演', '创业沙龙'])
    expect(option.series).toHaveLength(1)
    expect(option.series[0]).toMatchObject({ type: 'bar', name: '活动场次', data: [3, 0] })
    expect(option.toolbox.feature.saveAsImage.name).toBe('events-by_type')
    const english = breakdownOption(byType, { ...opts, lang: 'en' }) as any
    expect(english.xAxis.data).toEqual(['roadshow', 'salon'])
  })

  it('puts a series ten times smaller than the largest on a right-hand axis', () => {
    const mixed: Breakdown = {
      ...byType,
      columns: [byType.columns[0]!, { ...byType.columns[0]!, key: 'registrations', label: '报名人次' }],
      rows: [{ key: 'roadshow', label: '项目路演', label_en: 'roadshow', values: { events: 3, registrations: 300 }, suppressed: [] }],
    }
    const option = breakdownOption(mixed, opts) as any
    expect(option.yAxis).toHaveLength(2)
    expect(option.series.map((s: { yAxisIndex: number }) => s.yAxisIndex)).toEqual([1, 0])
    expect((breakdownOption(byType, opts) as any).series[0].yAxisIndex).toBe(0)
  })

  it('stacks, draws lines, and leaves empty slices out of pies', () => {
    expect((breakdownOption({ ...byType, chart: 'stacked' }, opts) as any).series[0].stack).toBe('total')
    expect((breakdownOption({ ...byType, chart: 'line' }, opts) as any).series[0].type).toBe('line')
    const pie = breakdownOption({ ...byType, chart: 'pie' }, opts) as any
    expect(pie.series[0].type).toBe('pie')
    expect(pie.series[0].data).toEqual([{ name: '项目路演', value: 3 }])
  })

  it('shows money in 万元 on charts and withheld values as gaps', () => {
    const revenue: Breakdown = {
      ...byType,
      columns: [{ key: 'revenue', label: '营业收入', label_en: 'Revenue', unit: 'yuan', confidential: true, plotted: true }],
      rows: [
        { key: 'a', label: 'A', label_en: 'A', values: { revenue: 1234567 }, suppressed: [] },
        { key: 'b', label: 'B', label_en: 'B', values: { revenue: null }, suppressed: ['revenue'] },
      ],
    }
    expect((breakdownOption(revenue, opts) as any).series[0].data).toEqual([123.46, null])
  })
})

describe('graphOption', () => {
  it('turns the map into a force graph with one category per node type', () => {
    const map = {
      nodes: [
        { id: 'startup:1', name: '光启科技', type: 'startup', links: 2, degree: 1, betweenness: 0, community: 0 },
        { id: 'carrier:2', name: '光电孵化器', type: 'carrier', links: 9, degree: 1, betweenness: 0.5, community: 0 },
      ],
      edges: [{ source: 'startup:1', target: 'carrier:2', types: ['incubated_at'], weight: 1 }],
    } as unknown as Ecosystem
    const typeNames = Object.fromEntries(NODE_TYPES.map((t) => [t, t.toUpperCase()])) as Record<NodeType, string>
    const option = graphOption(map, { typeNames, fileName: 'ecosystem', saveTitle: 'PNG' }) as any
    const series = option.series[0]
    expect(series.type).toBe('graph')
    expect(series.categories.map((c: { name: string }) => c.name)).toEqual(['STARTUP', 'MENTOR', 'INVESTOR', 'BANK', 'CARRIER', 'EVENT'])
    expect(series.data.map((n: { category: number }) => n.category)).toEqual([0, 4])
    expect(series.data[1].label.show).toBe(true)
    expect(series.links).toEqual([{ source: 'startup:1', target: 'carrier:2', value: 1 }])
  })
})

describe('format and scope helpers', () => {
  it('formats by unit', () => {
    expect(formatValue(6_500_000, 'yuan')).toBe('650 万元')
    expect(formatValue(6_500_000, 'yuan', 'en')).toBe('CNY 6.5m')
    expect(formatValue(57.14, 'percent')).toBe('57.1%')
    expect(formatValue(null, 'yuan')).toBe('—')
    expect(formatValue(1234, 'count')).toBe('1,234')
    expect(chartValue(null, 'count')).toBeNull()
  })

  it('sends only the scope parameters that are set', () => {
    expect(scopeParams({ region: null, carrier: 7, date_from: '2025-01-01', date_to: '2025-12-31' })).toEqual({
      carrier: '7',
      date_from: '2025-01-01',
      date_to: '2025-12-31',
    })
    expect(workbookUrl({ region: 3, date_from: '2025-01-01', date_to: '2025-06-30' })).toBe(
      '/api/insight/statistics.xlsx?date_from=2025-01-01&date_to=2025-06-30&region=3',
    )
    expect(thisYear(new Date(2026, 4, 1))).toEqual({ date_from: '2026-01-01', date_to: '2026-12-31' })
  })
})
