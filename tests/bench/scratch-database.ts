import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { migrate } from '../../db/migrate';
import { postgresServer } from '../setup/postgres-server';
import { withDatabase } from '../setup/urls';

/**
 * A migrated scratch database for a benchmark on DATABASE_URL's server, or on an embedded
 * PostgreSQL when it is unset; sets DATABASE_URL to it. `drop` removes it (and the embedded server), `keep` leaves it.
 */
export async function openScratchDatabase(): Promise<{ url: string; drop(): Promise<void>; keep(): Promise<void> }> {
  const server = await postgresServer('bench');
  const adminUrl = server.adminUrl;
  const name = `plenum_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = withDatabase(adminUrl, name);
  process.env.DATABASE_URL = url;
  const db = postgres(url, { max: 1, onnotice: () => {} });
  await migrate(db);
  await db.end();
  return {
    url,
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await server.stop();
    },
    /** Leaves the database (and an embedded server, which keeps the process alive until stopped) to look at. */
    async keep() {
      await admin.end();
    },
  };
}
