// Every feature area, found at build time: src/areas/<area>/index.ts.
import type { Role } from '@/api/client'
import type { Area, HomeWidget } from './types'

const modules = import.meta.glob<{ default: Area }>('./*/index.ts', { eager: true })

export const AREAS: Area[] = Object.values(modules)
  .map((m) => m.default)
  .sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.key.localeCompare(b.key))

/** The home-page cards areas add for *role*, in order. */
export function homeWidgetsFor(role: Role): HomeWidget[] {
  return AREAS.flatMap((area) => area.home ?? [])
    .filter((w) => w.role === role)
    .sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.key.localeCompare(b.key))
}
