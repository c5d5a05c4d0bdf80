// ECharts options built from the API's breakdowns and ecosystem map: plain
// functions (no DOM), so specs check them directly.
import type { EChartsOption } from 'echarts'
import type { Breakdown, Ecosystem } from './api'
import { chartValue, type Lang } from './format'

export const NODE_TYPES = ['startup', 'mentor', 'investor', 'bank', 'carrier', 'event'] as const
export type NodeType = (typeof NODE_TYPES)[number]

const label = (item: { label: string; label_en: string }, lang: Lang) => (lang === 'zh-CN' ? item.label : item.label_en)

function saveAsImage(name: string, title: string) {
  return { feature: { saveAsImage: { name, title, pixelRatio: 2, backgroundColor: '#fff' } }, right: 8 }
}

/** The columns a chart draws (the others only appear in the table). */
export function plottedColumns(b: Breakdown) {
  const plotted = b.columns.filter((c) => c.plotted)
  return plotted.length ? plotted : b.columns.slice(0, 1)
}

export function breakdownOption(b: Breakdown, opts: { lang: Lang; fileName: string; saveTitle: string }): EChartsOption {
  const { lang } = opts
  const columns = plottedColumns(b)
  const toolbox = saveAsImage(opts.fileName, opts.saveTitle)
  if (b.chart === 'pie' || b.chart === 'funnel') {
    const column = columns[0]!
    const data = b.rows
      .map((r) => ({ name: label(r, lang), value: chartValue(r.values[column.key], column.unit) ?? 0 }))
      .filter((d) => d.value !== 0)
    return {
      toolbox,
      tooltip: { trigger: 'item' },
      legend: { type: 'scroll', bottom: 0 },
      series: [
        b.chart === 'pie'
          ? { type: 'pie', name: label(column, lang), radius: ['35%', '65%'], data }
          : { type: 'funnel', name: label(column, lang), sort: 'none', left: '10%', width: '80%', data },
      ],
    }
  }
  const categories = b.rows.map((r) => label(r, lang))
  const crowded = categories.length > 6
  const data = columns.map((c) => b.rows.map((r) => chartValue(r.values[c.key], c.unit)))
  // A series ten times smaller than the largest (events next to registrations) gets its own
  // axis on the right, or its bars would lie flat on the floor.
  const peaks = data.map((values) => Math.max(0, ...values.map((v) => v ?? 0)))
  const top = Math.max(0, ...peaks)
  const small = peaks.map((peak) => b.chart !== 'stacked' && top > 0 && peak * 10 < top)
  const twoAxes = small.some(Boolean) && !small.every(Boolean)
  return {
    toolbox,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, left: 0, type: 'scroll', right: 48 },
    grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
    xAxis: {
      type: 'category',
      data: categories,
      axisLabel: crowded ? { interval: 0, rotate: 35 } : { interval: 0 },
    },
    yAxis: twoAxes ? [{ type: 'value' }, { type: 'value', splitLine: { show: false } }] : { type: 'value' },
    series: columns.map((c, i) => ({
      type: b.chart === 'line' ? 'line' : 'bar',
      name: label(c, lang),
      stack: b.chart === 'stacked' ? 'total' : undefined,
      smooth: b.chart === 'line' ? true : undefined,
      yAxisIndex: twoAxes && small[i] ? 1 : 0,
      data: data[i],
    })),
  } as EChartsOption
}

export function graphOption(
  map: Ecosystem,
  opts: { typeNames: Record<NodeType, string>; fileName: string; saveTitle: string },
): EChartsOption {
  const index = new Map<string, number>(NODE_TYPES.map((t, i) => [t, i]))
  return {
    toolbox: saveAsImage(opts.fileName, opts.saveTitle),
    tooltip: { trigger: 'item' },
    legend: { data: NODE_TYPES.map((t) => opts.typeNames[t]), top: 0 },
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: true,
        categories: NODE_TYPES.map((t) => ({ name: opts.typeNames[t] })),
        force: { repulsion: 80, edgeLength: [30, 80], gravity: 0.08 },
        emphasis: { focus: 'adjacency' },
        label: { show: false, position: 'right' },
        labelLayout: { hideOverlap: true },
        lineStyle: { color: 'source', opacity: 0.5, curveness: 0.1 },
        data: map.nodes.map((n) => ({
          id: n.id,
          name: n.name,
          value: n.links,
          category: index.get(n.type) ?? 0,
          symbolSize: Math.min(40, 6 + Math.sqrt(n.links) * 4),
          label: { show: n.links >= 5 },
        })),
        links: map.edges.map((e) => ({ source: e.source, target: e.target, value: e.weight })),
      },
    ],
  } as EChartsOption
}
