// The viewer's mentoring counts for the home cards (one request, shared by the cards of one page).
import { onMounted } from 'vue'
import { api } from '@/api/client'
import { useApi } from '@/composables/useApi'

export function useSummary() {
  const summary = useApi(() => api.GET('/api/mentoring/summary'))
  onMounted(() => summary.run())
  return summary
}
