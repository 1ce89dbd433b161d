import postgres from 'postgres';

export type Sql = postgres.Sql;
export type Transaction = postgres.TransactionSql;

// One client per process. The Vite dev server loads app modules in a module graph of its own,
// so the client is kept on globalThis to stay shared with server/ and across hot reloads.
/** Trigram similarity (0–1) at which search widens a word to a spelling the sources hold (db/queries/search.ts). */
export const CLOSE_SPELLING = 0.45;

const holder = globalThis as typeof globalThis & { __plenumSql?: Sql };

function connect(): Sql {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: start the database before using it');
  return postgres(url, {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // How close a spelling must be for search to try it too (pg_trgm's `%`, which the trigram index prunes
    // by): set for every connection, so that widening a word is one statement, not a transaction.
    connection: { 'pg_trgm.similarity_threshold': String(CLOSE_SPELLING) } as Record<string, string>,
    onnotice: () => {},
    transform: { undefined: null },
  });
}

/** The shared postgres.js client, connected on first use. */
export const sql: Sql = new Proxy((() => {}) as unknown as Sql, {
  get(_target, key) {
    holder.__plenumSql ??= connect();
    const value = Reflect.get(holder.__plenumSql, key);
    return typeof value === 'function' ? value.bind(holder.__plenumSql) : value;
  },
  apply(_target, _this, args) {
    holder.__plenumSql ??= connect();
    return Reflect.apply(holder.__plenumSql as unknown as (...a: unknown[]) => unknown, undefined, args);
  },
});

/** Closes the shared client, if one was opened. */
export async function closeSql(): Promise<void> {
  const client = holder.__plenumSql;
  holder.__plenumSql = undefined;
  await client?.end({ timeout: 5 });
}
