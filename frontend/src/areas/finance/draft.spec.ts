import { describe, expect, it } from 'vitest'
import { bodyOf, emptyDraft } from './draft'

describe('need drafts', () => {
  it('sends amounts in CNY and empty terms as null', () => {
    const draft = { ...emptyDraft(7), amount_wan: '80', purpose: '量产线', collateral_offered: ['credit'] }
    expect(bodyOf(draft)).toMatchObject({ startup: 7, amount: '800000', term_months: null, collateral_offered: ['credit'] })
  })
  it('passes text that is not a number through, for the API to refuse', () => {
    expect(bodyOf({ ...emptyDraft(1), amount_wan: 'abc' }).amount).toBe('abc')
  })
})
