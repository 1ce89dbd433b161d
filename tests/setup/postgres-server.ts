import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { startEmbeddedPostgres } from '../../db/embedded';

/**
 * A PostgreSQL server for tests and benchmarks to create their databases on: DATABASE_URL's, or an
 * embedded one in a fresh `.data/<prefix>-…` directory, removed again by `stop`.
 */
export async function postgresServer(prefix: string): Promise<{ adminUrl: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, stop: async () => {} };
  const dir = `.data/${prefix}-${randomBytes(4).toString('hex')}`;
  const embedded = await startEmbeddedPostgres(dir, (line) => console.warn(line));
  return {
    adminUrl: embedded.url,
    async stop() {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
