// Run a write from a button: busy flag, a success toast, the API's message on failure.
import { ElMessage } from 'element-plus'
import { ref } from 'vue'
import { toApiError } from '@/api/errors'
import { useErrorText } from '@/composables/useErrorText'

export function useAction() {
  const { errorText } = useErrorText()
  const busy = ref(false)

  /** Resolves to true when the call succeeded. */
  async function act(call: () => Promise<unknown>, done?: string): Promise<boolean> {
    busy.value = true
    try {
      await call()
      if (done) ElMessage.success(done)
      return true
    } catch (e) {
      ElMessage.error(errorText(toApiError(e)))
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, act }
}
