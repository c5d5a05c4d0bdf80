import type { RouteRecordRaw } from 'vue-router'
import type { NavItem } from '@/router/nav'

export type Messages = { [key: string]: string | Messages }

export interface Area {
  /** Key under which the area's messages are mounted, e.g. 'directory'. */
  key: string
  messages: { 'zh-CN': Messages; en: Messages }
  routes?: RouteRecordRaw[]
  nav?: NavItem[]
  /** Position of the area's nav entries (lower first). */
  order?: number
}
