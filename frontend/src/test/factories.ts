import type { Me } from '@/stores/auth'

let next = 1

export function makeMe(overrides: Partial<Me> = {}): Me {
  const id = next++
  return {
    id,
    name: `用户${id}`,
    email: `user${id}@example.com`,
    phone: null,
    roles: [],
    is_platform_admin: false,
    organisations: [],
    mentor_profile: null,
    date_joined: '2025-03-01T09:00:00+08:00',
    ...overrides,
  }
}
