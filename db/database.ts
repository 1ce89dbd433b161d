import { readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { startEmbeddedPostgres, type RunningDatabase } from './embedded';

async function answers(url: string): Promise<boolean> {
  const probe = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await probe`SELECT 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

/**
 * Finds the database to use and sets DATABASE_URL to it: the one DATABASE_URL names; else the
 * embedded PostgreSQL another Plenum process already runs on DATA_DIR (so `npm run import` works
 * beside `npm start`); else a new embedded PostgreSQL, stopped by the returned `stop`.
 */
export async function openDatabase(options: { dataDir: string; log: (line: string) => void }): Promise<RunningDatabase & { embedded: boolean }> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const marker = path.resolve(options.dataDir, 'embedded-url');
  const running = await readFile(marker, 'utf8').catch(() => null);
  if (running && (await answers(running.trim()))) {
    process.env.DATABASE_URL = running.trim();
    return { url: running.trim(), embedded: false, stop: async () => {} };
  }
  await mkdir(options.dataDir, { recursive: true });
  const db = await startEmbeddedPostgres(options.dataDir, options.log);
  await writeFile(marker, db.url);
  process.env.DATABASE_URL = db.url;
  return {
    url: db.url,
    embedded: true,
    stop: async () => {
      await rm(marker, { force: true });
      await db.stop();
    },
  };
}
