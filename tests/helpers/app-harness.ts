import { afterAll, beforeAll } from 'vitest';
import { startApp, type RunningApp } from './app-server';
import { Client } from './browserless-client';
import type { TestMember } from './fixtures';
import { joinRoom, type TestClient } from './sync-clients';

/**
 * Starts Plenum on the test file's database before its tests and stops it after, closing every room
 * client the tests opened. Read `.app` inside tests.
 */
export function appHarness(env: Record<string, string> = {}) {
  const rooms: TestClient[] = [];
  const harness = {
    app: undefined as unknown as RunningApp,
    /** An HTTP client signed in as `member`. */
    as(member: TestMember) {
      const client = new Client(harness.app.baseUrl);
      client.setCookieHeader(member.cookie);
      return client;
    },
    /** A y-websocket client of `member` in `room`, closed after the file's tests. */
    join(member: TestMember, room: string) {
      const client = joinRoom(harness.app.baseUrl, member, room);
      rooms.push(client);
      return client;
    },
  };
  beforeAll(async () => {
    harness.app = await startApp({ DATABASE_URL: process.env.DATABASE_URL, ...env });
  });
  afterAll(async () => {
    for (const r of rooms) r.destroy();
    await harness.app?.stop();
  });
  return harness;
}
