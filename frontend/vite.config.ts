import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// Built files are served by Django (servestatic) under /static/; index.html by
// Django's catch-all page view, so that history-mode routes work on reload.
export default defineConfig({
  base: '/static/',
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8000',
      '/ws': { target: 'ws://127.0.0.1:8000', ws: true },
      '/media': 'http://127.0.0.1:8000',
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts'],
    setupFiles: ['src/test/setup.ts'],
    // A lazily loaded page pulls Element Plus through the transform on first use:
    // seconds on a cold cache of a busy two-core machine.
    testTimeout: 20_000,
    // Run Element Plus through Vite as the app build does; externalized (loaded by
    // Node) its form validation never called async-validator and always passed.
    server: { deps: { inline: ['element-plus'] } },
  },
})
