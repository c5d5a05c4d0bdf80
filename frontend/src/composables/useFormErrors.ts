// Show the API's field errors on the matching Element Plus form items:
//   const form = useFormErrors(['name', 'email', 'password'] as const)
//   try { … } catch (e) { form.show(e) }
//   <el-form-item :error="form.fieldErrors.email"> … </el-form-item>
//   <el-alert v-if="form.message" :title="form.message" />
// Keys the form has no item for (non_field_errors, nested keys of unknown
// fields) go into `message`, so that no error is ever swallowed. Texts follow
// the interface language, also when it changes after the error.
import { computed, reactive, shallowRef } from 'vue'
import { ApiError, NON_FIELD, toApiError } from '@/api/errors'
import { useErrorText } from './useErrorText'

export function useFormErrors<F extends string>(fields: readonly F[]) {
  const { errorText, messagesText } = useErrorText()
  const error = shallowRef<ApiError | null>(null)
  const known = new Set<string>(fields)

  /** "roles.0" (a list item) belongs to the item "roles". */
  function fieldOf(key: string): F | null {
    if (known.has(key)) return key as F
    const head = key.split('.')[0]
    return known.has(head) ? (head as F) : null
  }

  const fieldErrors = computed(() => {
    const out: Partial<Record<F, string>> = {}
    for (const [key, messages] of Object.entries(error.value?.errors ?? {})) {
      const field = fieldOf(key)
      if (field === null) continue
      out[field] = [out[field], messagesText(messages)].filter(Boolean).join(' ')
    }
    return out
  })

  const message = computed(() => {
    if (!error.value) return ''
    const rest = Object.entries(error.value.errors)
      .filter(([key]) => fieldOf(key) === null)
      .map(([key, messages]) => (key === NON_FIELD ? '' : `${key}: `) + messagesText(messages))
    return [errorText(error.value), ...rest].join(' ')
  })

  function show(e: unknown) {
    error.value = toApiError(e)
  }

  function clear() {
    error.value = null
  }

  // One reactive object, so that templates read form.fieldErrors.email, form.message.
  return reactive({ error, fieldErrors, message, show, clear })
}
