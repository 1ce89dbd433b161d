/**
 * Plenum's one process: finds or starts PostgreSQL, migrates, seeds, and serves the app on one port.
 * `npm start` runs it in production mode on the built app; `npm run dev` with Vite's hot reload.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../db/database';
import { indexVersionsNotYetIndexed } from '~/lib/search/source-index.server';
import { compareVersionsNotYetCompared } from '~/lib/sources/block-moves.server';
import { migrate } from '../db/migrate';
import { DEMO_ACCOUNTS, DEMO_JOIN_CODE, DEMO_PASSWORD, seed } from '../db/seed/demo';
import { closeSql, sql } from '../db/sql';
import { createApp } from './app';
import { annotationImporter } from './import/annotation-import';
import { readEnv } from './env';
import { UserEvents } from './events';
import { logger } from './logger';
import { startMailer } from './mailer';
import { startReminders } from './reminders';
import { rebuildProjections } from './sync/rebuild';
import { registry as metricsRegistry } from './sync/metrics';
import { syncOptions } from './sync/options';
import { SyncServer } from './sync/sync-server';

let database: Awaited<ReturnType<typeof openDatabase>> | undefined;

async function main() {
  const env = readEnv();
  database = await openDatabase({ dataDir: env.DATA_DIR, log: (line) => logger.warn({ postgres: line }) });
  logger.info({ embedded: database.embedded }, database.embedded ? 'embedded PostgreSQL started' : 'using DATABASE_URL');

  const applied = await migrate(sql);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  const indexed = await indexVersionsNotYetIndexed();
  if (indexed > 0) logger.info({ versions: indexed }, 'sources indexed for search');
  const compared = await compareVersionsNotYetCompared();
  if (compared > 0) logger.info({ versions: compared }, 'versions compared with the ones before (¶ moves)');
  const seeded = await seed({ demo: env.SEED_DEMO });
  if (seeded) await rebuildProjections(); // the demo's notes, counted on the course home from the start

  const mode = env.NODE_ENV === 'production' ? 'production' : 'development';
  const sync = new SyncServer(syncOptions(env, logger));
  const events = new UserEvents(logger);
  await events.start();
  const { app, closeDev } = await createApp({
    mode,
    publicOrigin: env.PUBLIC_ORIGIN,
    trustProxy: env.TRUST_PROXY,
    bodyLimits: { signIn: env.MAX_SIGNIN_BODY_BYTES, upload: env.MAX_UPLOAD_BYTES + 1024 * 1024, import: env.MAX_IMPORT_BYTES + 1024 * 1024, other: env.MAX_BODY_BYTES },
    syncCheck: sync.checkHandler,
    syncStats: (o) => sync.stats(o),
    metrics: async () => ({ contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() }),
    opsToken: env.OPS_TOKEN,
    userEvents: events.handler,
    importAnnotations: annotationImporter({
      maxAnnotations: env.MAX_IMPORT_ANNOTATIONS,
      quota: { memberBytes: env.SYNC_MEMBER_ROOM_BYTES, roomBytes: env.SYNC_ROOM_BYTES },
      concurrent: 2,
      timeoutMs: 120_000,
    }),
  });
  const server = createServer(app);
  await sync.start(server);
  const reminders = startReminders(env.REMINDER_INTERVAL_MS, logger);
  const stopMailer = startMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, intervalMs: env.MAIL_INTERVAL_MS, log: logger });
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const { port } = server.address() as AddressInfo;
  const url = env.PUBLIC_ORIGIN ?? `http://localhost:${port}`;
  if (env.SEED_DEMO) printWelcome(url, seeded);
  logger.info({ port, url, mode }, 'listening');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took over 15 s; exiting anyway');
      process.exit(1);
    }, 15_000).unref();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await sync.close();
    await reminders.stop();
    stopMailer();
    await events.close();
    await closed;
    await closeDev();
    await closeSql();
    await database?.stop();
    logger.info('stopped');
    process.exit(0);
  };
  // `on`, not `once`: under `npm start` the signal can arrive twice (from the terminal's process
  // group and relayed by tsx), and a second one must not kill the shutdown half-way.
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

function printWelcome(url: string, seeded: boolean) {
  const lines = [
    '',
    `  Plenum is running at ${url}`,
    seeded ? '  The demo course was just created.' : '',
    '  Demo accounts (demo only, password for all: ' + DEMO_PASSWORD + '):',
    ...DEMO_ACCOUNTS.map((a) => `    ${a.role.padEnd(10)} ${a.email}`),
    `  Join code of the demo course: ${DEMO_JOIN_CODE}`,
    '',
  ].filter((line, i, all) => line !== '' || i === 0 || i === all.length - 1);
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch(async (error) => {
  logger.fatal({ err: error }, 'Plenum failed to start');
  await closeSql().catch(() => {});
  await database?.stop().catch(() => {});
  // Give pino a moment to flush, then leave even if a pool keeps the loop alive.
  setTimeout(() => process.exit(1), 100);
});
