// Every feature area, found at build time: src/areas/<area>/index.ts.
import type { Area } from './types'

const modules = import.meta.glob<{ default: Area }>('./*/index.ts', { eager: true })

export const AREAS: Area[] = Object.values(modules)
  .map((m) => m.default)
  .sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.key.localeCompare(b.key))
