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

// Each test file has a database and a server of its own, so files may run side by side. The unit and
// integration files run two at a time (they mostly wait on PostgreSQL and sockets); then the browser files
// one at a time (Chromium and the server share the machine's two cores, and their steps have timeouts);
// then `npm start`, which rebuilds build/, which the other files' servers load.
export default defineConfig({
  test: {
    projects: [
      { resolve, test: { ...shared, name: 'integration', include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'], exclude: ['tests/integration/start.test.ts'], maxWorkers: 2, sequence: { groupOrder: 0 } } },
      { resolve, test: { ...shared, name: 'e2e', include: ['tests/e2e/**/*.test.ts'], maxWorkers: 1, sequence: { groupOrder: 1 } } },
      { resolve, test: { ...shared, name: 'npm-start', include: ['tests/integration/start.test.ts'], maxWorkers: 1, sequence: { groupOrder: 2 } } },
    ],
  },
});
