import postgres from 'postgres';

export type Sql = postgres.Sql;
export type Transaction = postgres.TransactionSql;

/** Trigram similarity (0–1) at which search widens a word to a spelling the sources hold (db/queries/search.ts). */
export const CLOSE_SPELLING = 0.45;

// One client of each kind per process. The Vite dev server loads app modules in a module graph of its own,
// so the clients are kept on globalThis to stay shared with server/ and across hot reloads.
type Kind = 'main' | 'search';
const holder = globalThis as typeof globalThis & { __plenumClients?: Partial<Record<Kind, Sql>> };

function connect(kind: Kind): Sql {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: start the database before using it');
  return postgres(url, {
    max: kind === 'main' ? Number(process.env.DATABASE_POOL_SIZE ?? 10) : Number(process.env.DATABASE_SEARCH_POOL_SIZE ?? 4),
    connection: (kind === 'search'
      ? {
          // A search statement's best plan depends on its words: a common word wants a scan that stops at the
          // first matches, a rare one the index. PostgreSQL's cached generic plan (chosen after five runs of a
          // prepared statement) cannot know which, and took a common word from 17 to 48 ms (docs/performance.md).
          plan_cache_mode: 'force_custom_plan',
          // How close a spelling must be for search to try it too (pg_trgm's `%`, which the trigram index prunes by).
          'pg_trgm.similarity_threshold': String(CLOSE_SPELLING),
        }
      : {}) as Record<string, string>,
    onnotice: () => {},
    transform: { undefined: null },
  });
}

function lazily(kind: Kind): Sql {
  const client = () => ((holder.__plenumClients ??= {})[kind] ??= connect(kind));
  return new Proxy((() => {}) as unknown as Sql, {
    get(_target, key) {
      const value = Reflect.get(client(), key);
      return typeof value === 'function' ? value.bind(client()) : value;
    },
    apply(_target, _this, args) {
      return Reflect.apply(client() as unknown as (...a: unknown[]) => unknown, undefined, args);
    },
  });
}

/** The shared postgres.js client, connected on first use. */
export const sql: Sql = lazily('main');

/**
 * The client for full-text and spelling searches (db/queries/search.ts, the people index's mentions):
 * each statement planned for its own words, and the trigram threshold set. A pool of its own, so that
 * these settings touch nothing else.
 */
export const searchSql: Sql = lazily('search');

/** Closes the shared clients, if any were opened. */
export async function closeSql(): Promise<void> {
  const clients = Object.values(holder.__plenumClients ?? {});
  holder.__plenumClients = undefined;
  await Promise.all(clients.map((client) => client.end({ timeout: 5 })));
}
