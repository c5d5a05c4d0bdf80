// How figures read on screen: money in 万元, rates with %, withheld values as a dash.
export type Lang = 'zh-CN' | 'en'

export function formatValue(value: number | null | undefined, unit: string, lang: Lang = 'zh-CN'): string {
  if (value === null || value === undefined) return '—'
  const n = (v: number, digits = 0) =>
    v.toLocaleString(lang === 'zh-CN' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
  switch (unit) {
    case 'yuan':
      return lang === 'zh-CN' ? `${n(value / 1e4, 2)} 万元` : `CNY ${n(value / 1e6, 2)}m`
    case 'percent':
      return `${n(value, 1)}%`
    case 'score':
      return n(value, 2)
    case 'm2':
      return `${n(value)} m²`
    case 'hours':
      return lang === 'zh-CN' ? `${n(value, 1)} 小时` : `${n(value, 1)} h`
    default:
      return n(value, 2)
  }
}

/** Chart values in the unit a chart axis shows (万元 for money). */
export function chartValue(value: number | null | undefined, unit: string): number | null {
  if (value === null || value === undefined) return null
  return unit === 'yuan' ? Math.round(value / 100) / 100 : value
}
