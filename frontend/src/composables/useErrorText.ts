// Turn an ApiError into one line of text in the interface language.
import { useI18n } from 'vue-i18n'
import { ApiError, localizeMessage } from '@/api/errors'

export function useErrorText() {
  const { t, locale } = useI18n()

  /** The API's own message when it sent one, else a message for the status. */
  function errorText(error: ApiError | null | undefined): string {
    if (!error) return ''
    if (typeof error.body.message === 'string' && error.body.message) {
      return localizeMessage(error.body.message, locale.value)
    }
    if (error.status === 0) return t('errors.network')
    if (error.status === 401) return t('errors.sessionExpired')
    if (error.status === 403) return t('errors.forbidden')
    if (error.status === 404) return t('errors.notFound')
    if (error.status === 429) return t('errors.tooMany')
    if (error.status >= 500) return t('errors.server')
    return t('errors.generic')
  }

  /** One field's messages, localized and joined. */
  function messagesText(messages: string[]): string {
    return messages.map((m) => localizeMessage(m, locale.value)).join(' ')
  }

  return { errorText, messagesText }
}
