import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { CuttableProxy } from '../helpers/net';

// The driver-level half of "when PostgreSQL goes away" (sync-durability.test.ts): postgres.js 3.4.9 wrote
// a transaction's ROLLBACK to a connection it had already closed, from a setImmediate, and the TypeError
// took the whole server down (porsager/postgres#1208). patches/postgres+3.4.9.patch guards the write.

const target = new URL(process.env.DATABASE_URL!);
const proxy = new CuttableProxy(target.hostname, Number(target.port || 5432));
const clients: postgres.Sql[] = [];

afterAll(async () => {
  await Promise.all(clients.map((client) => client.end({ timeout: 1 })));
  await proxy.stop();
});

async function viaProxy() {
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port || (await proxy.start()));
  const client = postgres(url.toString(), { max: 2, onnotice: () => {} });
  clients.push(client);
  return client;
}

describe('a connection cut in the middle of a transaction', () => {
  it('rejects the transaction, leaves the process running, and the client works again once the database is back', async () => {
    const db = await viaProxy();
    await db`SELECT 1`;
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      const transaction = db.begin(async (tx) => {
        await tx`SELECT pg_sleep(5)`;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await proxy.cut();
      await expect(transaction).rejects.toMatchObject({ code: expect.stringMatching(/^CONNECTION_/) });
      // The guarded write would have thrown on the next turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(uncaught).toEqual([]);

      await proxy.restore();
      // Small statements are batched behind a setImmediate; a connection torn down with one pending must not
      // stay unable to send (its timer handle was cleared but kept, so nothing was ever scheduled again).
      for (let i = 0; i < 5; i++) expect((await db`SELECT ${i}::int AS n`)[0]!.n).toBe(i);
    } finally {
      process.off('uncaughtException', record);
    }
  });
});
