// Mount a component the way the app runs it: Pinia, the app's routes (in
// memory), vue-i18n (zh-CN unless told) and Element Plus.
import { type Component, defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import { createMemoryHistory } from 'vue-router'
import { createAppI18n, type Locale } from '@/i18n'
import { makeRouter } from '@/router'
import { type Me, useAuth } from '@/stores/auth'

export interface MountOptions {
  /** Where the router starts (the guards run: log in with `me` for private pages). */
  at?: string
  me?: Me | null
  locale?: Locale
  props?: Record<string, unknown>
}

export async function mountWithApp(component: Component, options: MountOptions = {}) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const auth = useAuth()
  auth.me = options.me ?? null
  auth.loaded = true
  const router = makeRouter(createMemoryHistory())
  const i18n = createAppI18n(options.locale ?? 'zh-CN')
  await router.push(options.at ?? '/')
  await router.isReady()
  const wrapper = mount(component, {
    props: options.props,
    global: { plugins: [pinia, router, i18n, ElementPlus] },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, router, auth, i18n }
}

/** Run a composable inside a mounted component (it may use inject: router, i18n). */
export async function withSetup<T>(composable: () => T, options: MountOptions = {}) {
  let result!: T
  const Host = defineComponent({
    setup() {
      result = composable()
      return () => h('div')
    },
  })
  const mounted = await mountWithApp(Host, options)
  return { result, ...mounted }
}

/** Element Plus shows a form item's error 100 ms after it is set (a debounce). */
export async function formErrorsShown() {
  await new Promise((resolve) => setTimeout(resolve, 150))
  await flushPromises()
}
