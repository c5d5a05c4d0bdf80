// A need draft (万元, text fields as typed) ⇄ the API's body (CNY, numbers).
import type { Schemas } from '@/api/client'
import { wanToYuan, yuanToWan } from '../directory/format'
import type { NeedDraft } from './components/NeedForm.vue'

export function emptyDraft(startup: number | null): NeedDraft {
  return { startup, amount_wan: '', kind: 'debt', purpose: '', term_months: '', collateral_offered: [], deadline: null }
}

export function draftOf(need: Schemas['Need']): NeedDraft {
  return {
    startup: need.startup,
    amount_wan: yuanToWan(need.amount),
    kind: need.kind,
    purpose: need.purpose,
    term_months: need.term_months === null || need.term_months === undefined ? '' : String(need.term_months),
    collateral_offered: [...(need.collateral_offered ?? [])],
    deadline: need.deadline ?? null,
  }
}

/** The body for the API; text that is not a number goes as it is, so its field error comes back. */
export function bodyOf(draft: NeedDraft) {
  const term = draft.term_months.trim()
  return {
    startup: draft.startup ?? 0,
    amount: wanToYuan(draft.amount_wan) ?? '',
    kind: draft.kind,
    purpose: draft.purpose,
    term_months: term === '' ? null : (Number(term) as number),
    collateral_offered: draft.collateral_offered as Schemas['CollateralEnum'][],
    deadline: draft.deadline,
  }
}
