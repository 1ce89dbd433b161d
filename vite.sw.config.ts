/** Builds the service worker (app/service-worker/sw.ts) into build/client/sw.js, beside the app. */
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'build/client',
    emptyOutDir: false,
    lib: { entry: 'app/service-worker/sw.ts', formats: ['iife'], name: 'plenumServiceWorker', fileName: () => 'sw.js' },
  },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
});
