import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from './sql';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Applies every `db/migrations/*.sql` not yet recorded in `schema_migrations`, in name order, each in a
 * transaction of its own. An advisory lock keeps two instances starting together from racing.
 * Returns the names it applied.
 */
export async function migrate(sql: Sql): Promise<string[]> {
  const files = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort();
  const applied: string[] = [];
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(7007001)`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`;
    const done = new Set((await tx<{ name: string }[]>`SELECT name FROM schema_migrations`).map((r) => r.name));
    for (const file of files) {
      if (done.has(file)) continue;
      const body = await readFile(path.join(migrationsDir, file), 'utf8');
      await tx.savepoint(async (sp) => {
        await sp.unsafe(body);
        await sp`INSERT INTO schema_migrations (name) VALUES (${file})`;
      });
      applied.push(file);
    }
  });
  return applied;
}
