// Money is Decimal CNY in the API (a string such as "5000000.00"); the UI shows
// and takes 万元 (10,000 CNY). Conversions shift the decimal point on the string,
// so that no float rounding ever changes a stored figure.

/** Shift the decimal point of a plain decimal string by *places* (negative: left). */
export function shiftDecimal(value: string, places: number): string | null {
  const match = /^\s*(-?)(\d*)(?:\.(\d*))?\s*$/.exec(value)
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return null
  const [, sign, whole, fraction = ''] = match
  let digits = whole + fraction
  let point = whole.length + places
  if (point < 0) {
    digits = '0'.repeat(-point) + digits
    point = 0
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length)
  let intPart = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0'
  let fracPart = digits.slice(point).replace(/0+$/, '')
  if (intPart === '') intPart = '0'
  const text = fracPart ? `${intPart}.${fracPart}` : intPart
  return sign && /[1-9]/.test(text) ? `-${text}` : text
}

/** "5000000.00" (CNY) → "500" (万元); null/undefined → ''. */
export function yuanToWan(yuan: string | number | null | undefined): string {
  if (yuan === null || yuan === undefined || yuan === '') return ''
  return shiftDecimal(String(yuan), -4) ?? ''
}

/**
 * "500" (万元) → "5000000" (CNY) for the API; '' → null. Text that is not a
 * number goes to the API as it is, so that its field error reaches the form.
 */
export function wanToYuan(wan: string): string | null {
  if (wan.trim() === '') return null
  return shiftDecimal(wan, 4) ?? wan
}

/** A CNY amount for reading: "500 万元" in Chinese, "CN¥5M" in English. */
export function formatMoney(yuan: string | number | null | undefined, locale: string): string {
  if (yuan === null || yuan === undefined || yuan === '') return '—'
  const value = Number(yuan)
  if (!Number.isFinite(value)) return String(yuan)
  if (locale.startsWith('zh')) {
    const wan = value / 10_000
    return `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(wan)} 万元`
  }
  return new Intl.NumberFormat('en', {
    style: 'currency',
    currency: 'CNY',
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
  }).format(value)
}

/** "100 – 1,000 万元" for a range. */
export function formatMoneyRange(low: string | null | undefined, high: string | null | undefined, locale: string) {
  if (!low && !high) return '—'
  const lo = formatMoney(low, locale)
  const hi = formatMoney(high, locale)
  if (locale.startsWith('zh') && lo.endsWith(' 万元') && hi.endsWith(' 万元')) return `${lo.slice(0, -3)} – ${hi}`
  return `${lo} – ${hi}`
}

/** 12345.6 → "12,345.6" in the interface language. */
export function formatNumber(value: string | number | null | undefined, locale: string): string {
  if (value === null || value === undefined || value === '') return '—'
  const n = Number(value)
  return Number.isFinite(n) ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n) : String(value)
}

/** Items joined as the language lists them: "吉林、河北" / "Jilin, Hebei". */
export function joinList(items: readonly string[], locale: string): string {
  return items.join(locale.startsWith('zh') ? '、' : ', ')
}
