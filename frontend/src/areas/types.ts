import type { Component } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '@/api/client'
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
  /** Cards the area adds to a role's section of the home page (props: `me`). */
  home?: HomeWidget[]
}

export interface HomeWidget {
  key: string
  role: Role
  component: Component
  /** Position inside the role's section (lower first). */
  order?: number
}
