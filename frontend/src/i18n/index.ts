import { createI18n } from 'vue-i18n'
import { setApiLanguage } from '@/api/client'
import zhCN from './zh-CN'
import en from './en'
import { AREAS } from '@/areas'

export const LOCALES = [
  { value: 'zh-CN', label: '简体中文' },
  { value: 'en', label: 'English' },
] as const
export type Locale = (typeof LOCALES)[number]['value']

const STORAGE_KEY = 'locale' // the interface language only; never a credential

function isLocale(value: unknown): value is Locale {
  return LOCALES.some((l) => l.value === value)
}

function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return isLocale(value) ? value : null
  } catch {
    return null // storage disabled (private mode, sandboxed frame)
  }
}

/** Django's language code for a locale (settings.LANGUAGES). */
function djangoLanguage(locale: Locale): string {
  return locale === 'zh-CN' ? 'zh-hans' : 'en'
}

/** Core messages plus each area's, mounted under the area's key. */
export function allMessages() {
  const messages: Record<Locale, Record<string, unknown>> = { 'zh-CN': { ...zhCN }, en: { ...en } }
  for (const area of AREAS) {
    messages['zh-CN'][area.key] = area.messages['zh-CN']
    messages.en[area.key] = area.messages.en
  }
  return messages as { 'zh-CN': typeof zhCN; en: typeof zhCN }
}

export function createAppI18n(locale: Locale = storedLocale() ?? 'zh-CN') {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: allMessages(),
  })
}

export const i18n = createAppI18n()

/** Make the page and the API follow the interface language (App.vue watches the locale). */
export function applyLocale(locale: Locale) {
  document.documentElement.lang = locale
  setApiLanguage(djangoLanguage(locale))
}

/** Remember the chosen language for the next visit. */
export function rememberLocale(locale: Locale) {
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Not remembered; the switch still applies to this visit.
  }
}

export { isLocale }
