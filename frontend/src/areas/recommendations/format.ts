// Display helpers of the area: money in 万元 (CNY millions in English), scores as percentages.

/** "3000000.00" -> "300万元" (zh) or "CNY 3m" (en); null -> "—". */
export function formatMoney(amount: string | number | null | undefined, locale: string): string {
  if (amount === null || amount === undefined || amount === '') return '—'
  const value = Number(amount)
  if (!Number.isFinite(value)) return String(amount)
  const trim = (x: number, digits: number) => String(Number(x.toFixed(digits)))
  return locale.startsWith('zh') ? `${trim(value / 1e4, 2)}万元` : `CNY ${trim(value / 1e6, 3)}m`
}

/** 0.8371 -> 84 */
export function percent(score: number | null | undefined): number {
  return Math.round((score ?? 0) * 100)
}

/** An ISO time as a short local date and time in Asia/Shanghai. */
export function formatTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return ''
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso))
}
