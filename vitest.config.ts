import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `~/…` is app/, as in tsconfig.json and vite.config.ts.
const resolve = { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } };

const shared = {
  globalSetup: ['tests/setup/global-setup.ts'],
  setupFiles: ['tests/setup/test-database.ts'],
  pool: 'forks' as const,
  testTimeout: 30_000,
  hookTimeout: 120_000,
  // expect.poll's own default is 1 s: a room syncing under a loaded CI took longer, and a poll that
  // gives up early fails a test that would have passed (a poll that must fail says its own timeout).
  expect: { poll: { timeout: 10_000 } },
};

export default defineConfig({
  test: {
    projects: [
      { resolve, test: { ...shared, name: 'suite', include: ['tests/**/*.test.ts'], exclude: ['tests/integration/start.test.ts'] } },
      // `npm start` rebuilds build/, which the other files' servers load: run it after them.
      { resolve, test: { ...shared, name: 'npm-start', include: ['tests/integration/start.test.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
});
