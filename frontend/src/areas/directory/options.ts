// The directory's enumerations (as the API spells them) and their labels.
import type { Schemas } from '@/api/client'
import type { FilterOption } from '@/components/list/FilterBar.vue'

export const STAGES = ['seed', 'startup', 'growth', 'mature'] as const satisfies readonly Schemas['StageEnum'][]
export const CERTIFICATIONS = ['high_tech', 'specialized', 'little_giant', 'tech_sme'] as const satisfies readonly Schemas['CertificationEnum'][]
export const CARRIER_KINDS = [
  'incubator',
  'maker_space',
  'university_park',
  'innovation_complex',
  'demo_base',
] as const satisfies readonly Schemas['CarrierKindEnum'][]
export const LEVELS = ['national', 'provincial', 'municipal'] as const satisfies readonly Schemas['CarrierLevelEnum'][]
export const GRADES = ['A', 'B', 'C', 'D'] as const satisfies readonly Schemas['GradeEnum'][]
export const COLLATERAL = [
  'credit',
  'patent_pledge',
  'equity_pledge',
  'receivables',
  'guarantee',
  'mortgage',
] as const satisfies readonly Schemas['CollateralEnum'][]
export const INVESTOR_TYPES = ['angel', 'vc', 'pe', 'government_fund'] as const satisfies readonly Schemas['InvestorTypeEnum'][]

type Translate = (key: string) => string

/** Options of a select: each value labelled by `directory.<group>.<value>`. */
export function enumOptions(t: Translate, group: string, values: readonly string[]): FilterOption[] {
  return values.map((value) => ({ value, label: t(`directory.${group}.${value}`) }))
}

/** The label of one value, or the value itself for one this version does not know. */
export function enumLabel(t: Translate, te: (key: string) => boolean, group: string, value: string | null | undefined) {
  if (!value) return ''
  const key = `directory.${group}.${value}`
  return te(key) ? t(key) : value
}

/** Options "yes"/"no" for a boolean filter (values as the API reads them). */
export function booleanOptions(t: Translate, yes: string, no: string): FilterOption[] {
  return [
    { value: 'true', label: t(yes) },
    { value: 'false', label: t(no) },
  ]
}
