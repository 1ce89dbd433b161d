/**
 * npm run bench:sync — Plenum's sync server against the reference y-websocket server, same workload.
 *
 * For each scenario (rooms × clients per room, a note every T ms per client) it starts a fresh
 * Plenum (authenticated, durable, on PostgreSQL) and a fresh reference server (in memory, no auth),
 * drives both with stock WebsocketProvider clients, and reports writer→reader fan-out latency
 * (p50/p95/p99), notes per second delivered, server RSS and event-loop delay, and Plenum ÷ reference.
 *
 * Uses DATABASE_URL's server (a scratch database is created and dropped), else an embedded PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import postgres from 'postgres';
import * as Y from 'yjs';
import { startApp, type RunningApp } from '../helpers/app-server';
import { freePort } from '../helpers/net';
import { openScratchDatabase } from './scratch-database';
import { driveClients } from './client-workers';
import type { ClientSpec } from './sync-clients';

interface Scenario {
  rooms: number;
  clientsPerRoom: number;
  intervalMs: number;
}

const ALL_SCENARIOS: Scenario[] = [
  { rooms: 10, clientsPerRoom: 2, intervalMs: 200 },
  { rooms: 4, clientsPerRoom: 30, intervalMs: 1000 },
  { rooms: 1, clientsPerRoom: 200, intervalMs: 10000 },
  // Past what this machine can measure: 200 replicas receiving 20,000 notes a second take both cores
  // from the servers under test (see docs/performance.md). Kept to show how each degrades.
  { rooms: 1, clientsPerRoom: 200, intervalMs: 2000 },
];
// BENCH_SCENARIOS=2 runs only the second, and so on.
const SCENARIOS = process.env.BENCH_SCENARIOS ? process.env.BENCH_SCENARIOS.split(',').map((i) => ALL_SCENARIOS[Number(i) - 1]!) : ALL_SCENARIOS;
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const WARMUP_MS = 2_000;

interface Result {
  latencies: number[];
  delivered: number;
  written: number;
  rssMiB: number;
  loopP99: number;
  batches?: { batches: number; updates: number; meanSize: number };
  persistP99?: number | null;
}

function percentile(sorted: number[], q: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;
}

const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);

/** Runs the workload against a server, with the clients spread over worker threads. */
function drive(scenario: Scenario, url: string, specs: ClientSpec[]): Promise<Omit<Result, 'rssMiB' | 'loopP99'>> {
  return driveClients({ url, specs, intervalMs: scenario.intervalMs, warmupMs: WARMUP_MS, durationMs: DURATION_MS, workers: WORKERS });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The floor under Plenum's latency: the durable append alone (persistence.ts's own statement, one
 * update per commit, no WebSockets), at the scenario's write rate, for the same measured window.
 */
async function storageFloor(scenario: Scenario, room: string, userId: string): Promise<number[]> {
  const { appendUpdates } = await import('../../server/sync/persistence');
  const doc = new Y.Doc();
  const perSecond = (scenario.rooms * scenario.clientsPerRoom * 1000) / scenario.intervalMs;
  const latencies: number[] = [];
  const end = performance.now() + DURATION_MS;
  for (let n = 0; performance.now() < end; n++) {
    const next = performance.now() + 1000 / perSecond;
    let update: Uint8Array | null = null;
    doc.once('update', (u: Uint8Array) => (update = u));
    doc.getMap(`u:${userId}`).set(`n${n}`, { t: Date.now(), body: `Note ${n} on the plenum.` });
    const started = performance.now();
    await appendUpdates([{ room, update: update!, userId }]);
    latencies.push(performance.now() - started);
    await sleep(Math.max(0, next - performance.now()));
  }
  return latencies.sort((a, b) => a - b);
}

async function startReference(): Promise<{ port: number; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['tests/bench/reference-server.cjs'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('listening') && resolve()));
  return { port, process: child };
}

/** Users, sessions, a course and its documents for the Plenum side. */
async function seed(sql: postgres.Sql, scenario: Scenario) {
  const clients = scenario.rooms * scenario.clientsPerRoom;
  const users = await sql<{ id: string }[]>`
    INSERT INTO users (email, display_name, password_hash)
    SELECT 'bench' || g || '-' || ${randomBytes(3).toString('hex')} || '@example.org', 'Reader ' || g, 'x' FROM generate_series(1, ${clients}) g
    RETURNING id`;
  const [course] = await sql<{ id: string }[]>`
    INSERT INTO courses (title, term, join_code, created_by) VALUES ('Bench', 'Now', ${randomBytes(6).toString('hex')}, ${users[0]!.id}) RETURNING id`;
  await sql`INSERT INTO memberships ${sql(users.map((u) => ({ course_id: course!.id, user_id: u.id, role: 'student' })))}`;
  const rooms: string[] = [];
  for (let r = 0; r < scenario.rooms; r++) {
    const [doc] = await sql<{ id: string }[]>`
      INSERT INTO documents (slug, title, kind) VALUES (${`bench-${randomBytes(6).toString('hex')}`}, 'Bench', 'primary') RETURNING id`;
    await sql`INSERT INTO course_documents (course_id, document_id, position) VALUES (${course!.id}, ${doc!.id}, ${r})`;
    rooms.push(`doc:${course!.id}:${doc!.id}`);
  }
  const { createSession } = await import('~/lib/session.server');
  const cookies: string[] = [];
  for (const u of users) cookies.push(`plenum_session=${encodeURIComponent((await createSession(u.id)).token)}`);
  return { users: users.map((u) => u.id), rooms, cookies };
}

async function main() {
  const scratch = await openScratchDatabase();
  const databaseUrl = scratch.url;
  const sql = postgres(databaseUrl, { onnotice: () => {} });

  const rows: string[][] = [];
  try {
    for (const scenario of SCENARIOS) {
      const label = `${scenario.rooms} × ${scenario.clientsPerRoom}, a note every ${scenario.intervalMs} ms`;
      process.stderr.write(`\n${label}\n`);
      const { users, rooms, cookies } = await seed(sql, scenario);

      // BENCH_PLENUM_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the Plenum server alone.
      const nodeArgs = process.env.BENCH_PLENUM_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
      const app: RunningApp = await startApp(
        { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', SYNC_UPDATES_PER_SECOND: '1000' },
        { command: [process.execPath, ...nodeArgs, '--import', 'tsx', 'server/index.ts'] },
      );
      let plenum: Result;
      try {
        const specs = users.map((user, i) => ({ room: rooms[Math.floor(i / scenario.clientsPerRoom)]!, branch: `u:${user}`, cookie: cookies[i]!, origin: app.baseUrl }));
        const run = await drive(scenario, `${app.baseUrl.replace('http', 'ws')}/sync`, specs);
        const health = (await (await fetch(`${app.baseUrl}/healthz`)).json()) as {
          sync: { writeBatches: { batches: number; updates: number; meanSize: number }; persistLatencyMs: { p99: number | null }; process: { rssMiB: number; eventLoopDelayMs: { p99: number } } };
        };
        plenum = {
          ...run,
          rssMiB: health.sync.process.rssMiB,
          loopP99: health.sync.process.eventLoopDelayMs.p99,
          batches: health.sync.writeBatches,
          persistP99: health.sync.persistLatencyMs.p99,
        };
      } finally {
        await app.stop();
      }

      const reference = await startReference();
      let ref: Result;
      try {
        const refRooms = rooms.map((_, r) => `bench-${r}-${randomBytes(3).toString('hex')}`);
        const specs = users.map((_, i) => ({ room: refRooms[Math.floor(i / scenario.clientsPerRoom)]!, branch: `u:${i}` }));
        const run = await drive(scenario, `ws://127.0.0.1:${reference.port}`, specs);
        const stats = (await (await fetch(`http://127.0.0.1:${reference.port}/stats`)).json()) as { rssMiB: number; eventLoopDelayMs: { p99: number } };
        ref = { ...run, rssMiB: stats.rssMiB, loopP99: stats.eventLoopDelayMs.p99 };
      } finally {
        reference.process.kill();
      }

      const floor = await storageFloor(scenario, `floor:${rooms[0]}`, users[0]!);
      for (const [name, r] of [['Plenum', plenum], ['reference', ref]] as const) {
        rows.push([
          label,
          name,
          r.latencies.length ? percentile(r.latencies, 0.5).toFixed(1) : '-',
          r.latencies.length ? percentile(r.latencies, 0.95).toFixed(1) : '-',
          r.latencies.length ? percentile(r.latencies, 0.99).toFixed(1) : '-',
          (r.written / (DURATION_MS / 1000)).toFixed(0),
          (r.delivered / (DURATION_MS / 1000)).toFixed(0),
          String(r.rssMiB),
          r.loopP99.toFixed(1),
          r.batches ? `${r.batches.meanSize}` : '',
          r.persistP99 != null ? r.persistP99.toFixed(1) : '',
        ]);
      }
      rows.push([label, 'storage floor: one durable append', ...[0.5, 0.95, 0.99].map((q) => percentile(floor, q).toFixed(1)), '', '', '', '', '1', '']);
      const ratio = percentile(plenum.latencies, 0.99) / percentile(ref.latencies, 0.99);
      rows.push([label, 'Plenum ÷ reference', (percentile(plenum.latencies, 0.5) / percentile(ref.latencies, 0.5)).toFixed(2), (percentile(plenum.latencies, 0.95) / percentile(ref.latencies, 0.95)).toFixed(2), ratio.toFixed(2), '', '', (plenum.rssMiB / ref.rssMiB).toFixed(2), '', '', '']);
    }
  } finally {
    await sql.end();
    await scratch.drop();
  }

  const header = ['scenario (rooms × clients)', 'server', 'p50 ms', 'p95 ms', 'p99 ms', 'notes/s written', 'deliveries/s', 'RSS MiB', 'loop p99 ms', 'updates per INSERT', 'persist p99 ms'];
  const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  process.stdout.write(`\n${table}\n\nLatency: from a writer's note to its arrival at each other client in the room. Run for ${DURATION_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up.\n`);
}

await main();
process.exit(0);
