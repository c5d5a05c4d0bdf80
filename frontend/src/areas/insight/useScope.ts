// The dashboard's scope, mirrored in the URL query (?region=&carrier=&date_from=&date_to=)
// so that a view can be bookmarked and shared; defaults come from the remit.
import { ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { type Remit, type ScopeQuery, thisYear } from './api'

const DATE = /^\d{4}-\d{2}-\d{2}$/

function num(value: unknown): number | null {
  const n = Number(Array.isArray(value) ? value[0] : value)
  return Number.isInteger(n) && n > 0 ? n : null
}
function date(value: unknown): string | null {
  const s = Array.isArray(value) ? value[0] : value
  return typeof s === 'string' && DATE.test(s) ? s : null
}

export function useScope() {
  const route = useRoute()
  const router = useRouter()
  const scope = ref<ScopeQuery | null>(null)

  /** Start from the URL, else the remit's defaults and this year. */
  function init(remit: Remit) {
    const q = route.query
    const year = thisYear()
    const region = num(q.region)
    const carrier = num(q.carrier)
    scope.value = {
      region: region ?? (carrier ? null : remit.default_region),
      carrier: carrier ?? (region ? null : remit.default_carrier),
      date_from: date(q.date_from) ?? year.date_from,
      date_to: date(q.date_to) ?? year.date_to,
    }
  }

  watch(scope, (value) => {
    if (!value) return
    const query: Record<string, string> = { date_from: value.date_from, date_to: value.date_to }
    if (value.region) query.region = String(value.region)
    if (value.carrier) query.carrier = String(value.carrier)
    void router.replace({ query })
  })

  return { scope, init }
}
