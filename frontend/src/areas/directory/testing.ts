// Rows as the directory API sends them, for the area's specs.
import type { Schemas } from '@/api/client'
import type { MockHandler } from '@/test/fetch'

export const REGIONS: Schemas['Region'][] = [
  { id: 1, name: '吉林省', name_en: 'Jilin', level: 'province', code: '220000', parent: null, depth: 0, path: '0001' },
  { id: 2, name: '长春市', name_en: 'Changchun', level: 'city', code: '220100', parent: 1, depth: 1, path: '00010001' },
  { id: 3, name: '河北省', name_en: 'Hebei', level: 'province', code: '130000', parent: null, depth: 0, path: '0002' },
  { id: 4, name: '邢台市', name_en: 'Xingtai', level: 'city', code: '130500', parent: 3, depth: 1, path: '00020001' },
]

export const INDUSTRIES: Schemas['Industry'][] = [
  { id: 10, name: '电子信息', name_en: 'Electronics', slug: 'electronics', group: 'emerging', parent: null, depth: 0, path: '0001' },
  { id: 11, name: '光电子', name_en: 'Optoelectronics', slug: 'opto', group: 'other', parent: 10, depth: 1, path: '00010001' },
]

/** The two trees every directory page loads. */
export const TREES: Record<string, MockHandler> = {
  'GET /api/regions': { body: REGIONS },
  'GET /api/industries': { body: INDUSTRIES },
}

export function page<T>(results: T[], count = results.length) {
  return { body: { count, next: null, previous: null, results } }
}

export function makeStartup(overrides: Partial<Schemas['Startup']> = {}): Schemas['Startup'] {
  return {
    id: 7,
    kind: 'startup',
    name: '长春光迹光电科技有限公司',
    name_en: '',
    region: 2,
    region_name: '长春市',
    industries: [11],
    description: '激光雷达光学模组。',
    website: '',
    founded: '2022-06-18',
    created_at: '2025-01-01T09:00:00+08:00',
    updated_at: '2025-01-01T09:00:00+08:00',
    stage: 'startup',
    carrier: 1,
    carrier_name: '吉林省光电子产业孵化器',
    employees: 18,
    certifications: ['tech_sme'],
    ip_count: 12,
    graduated: false,
    graduated_year: null,
    ...overrides,
  }
}

export function general(row: Schemas['Startup'] | Schemas['Organisation']): Schemas['Organisation'] {
  const { id, kind, name, name_en, region, region_name, industries, description, website, founded } = row
  return { id, kind, name, name_en, region, region_name, industries, description, website, founded, created_at: row.created_at, updated_at: row.updated_at }
}

export function makeCarrier(overrides: Partial<Schemas['Carrier']> = {}): Schemas['Carrier'] {
  return {
    id: 1,
    name: '吉林省光电子产业孵化器',
    name_en: '',
    kind: 'incubator',
    demo_base_type: '',
    level: 'national',
    region: 2,
    region_name: '长春市',
    operator: null,
    operator_name: null,
    focus_industries: [11],
    area_m2: '15200.00',
    workstations: 421,
    seed_fund: '1600000.00',
    founded_year: 2010,
    address: '',
    description: '',
    website: '',
    latest_grade: 'A',
    startups_count: 28,
    graduated_count: 3,
    ...overrides,
  }
}
