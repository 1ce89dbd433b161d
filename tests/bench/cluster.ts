/**
 * `npm run bench:cluster`: 600 clients over 60 rooms (10 a room), each writing a note every 5 s, through
 * HAProxy to 1 instance and then to 3 (the balanced shape, scripts/cluster/), in one run. Prints fan-out
 * latency (a note's writer to each other client of its room), updates stored per second, NOTIFYs per
 * update, and each instance's CPU; then what each update cost PostgreSQL (commits, WAL bytes), which
 * docs/operations.md scales to a whole university. Targets: 0 NOTIFYs per update with room affinity, and
 * p99 at 3 instances no worse than at 1.
 */
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { startCluster, type Cluster } from '../../scripts/cluster/cluster';
import { createSeminar } from '../helpers/fixtures';
import { joinRoom, type TestClient } from '../helpers/sync-clients';
import { closeSql } from '../../db/sql';
import { driveClients, type DriveResult } from './client-workers';
import { printTable } from './report';
import { openScratchDatabase } from './scratch-database';
import type { ClientSpec } from './sync-clients';

const ROOMS = Number(process.env.BENCH_ROOMS ?? 60);
const PER_ROOM = Number(process.env.BENCH_PER_ROOM ?? 10);
const INTERVAL_MS = 5_000;
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 30_000);
const step = (what: string) => console.error(`bench:cluster: ${what}`);
const percentile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Totals {
  updates: number;
  notifies: number;
  batches: number;
}

async function totals(cluster: Cluster): Promise<Totals> {
  const all = await Promise.all(
    cluster.instances.map(async (i) => ((await (await fetch(`${i.url}/healthz`)).json()) as { sync: { writeBatches: { updates: number; batches: number }; notifies: { updates: number; claims: number } } }).sync),
  );
  return {
    updates: all.reduce((n, s) => n + s.writeBatches.updates, 0),
    batches: all.reduce((n, s) => n + s.writeBatches.batches, 0),
    notifies: all.reduce((n, s) => n + s.notifies.updates + s.notifies.claims, 0),
  };
}

interface Run {
  instances: number;
  result: DriveResult;
  seconds: number;
  updates: number;
  notifies: number;
  batches: number;
  cpu: number[];
  walBytes: number;
}

/**
 * Two clients in each room (through the balancer); the instance owning the most rooms is killed with
 * SIGKILL: how long until each of its clients is connected and synced again (on the new owner).
 */
async function measureFailover(cluster: Cluster, seminars: Awaited<ReturnType<typeof createSeminar>>[]): Promise<number[]> {
  step('failover: 2 clients a room, then kill -9 of the instance owning the most rooms');
  const clients: { room: string; client: TestClient }[] = seminars.flatMap((s) =>
    s.students.slice(0, 2).map((student) => ({ room: `doc:${s.course.id}:${s.documentId}`, client: joinRoom(cluster.url, student, `doc:${s.course.id}:${s.documentId}`) })),
  );
  const until = async (check: () => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('failover: timed out');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  try {
    await until(() => clients.every((c) => c.client.sync.provider.synced), 60_000);
    const owned = await Promise.all(cluster.instances.map(async (i) => ((await (await fetch(`${i.url}/healthz`)).json()) as { sync: { ownedRooms: string[] } }).sync.ownedRooms));
    const most = owned.reduce((best, rooms, k) => (rooms.length > owned[best]!.length ? k : best), 0);
    const victims = clients.filter((c) => owned[most]!.includes(c.room));
    const killedAt = performance.now();
    await cluster.instances[most]!.stop('SIGKILL');
    return await Promise.all(
      victims.map(async ({ client }) => {
        await until(() => !client.sync.provider.wsconnected, 10_000);
        await until(() => client.sync.provider.wsconnected && client.sync.provider.synced, 30_000);
        return performance.now() - killedAt;
      }),
    ).then((times) => times.sort((a, b) => a - b));
  } finally {
    for (const c of clients) c.client.destroy();
  }
}

let failover: number[] = [];
const scratch = await openScratchDatabase();
const admin = postgres(scratch.url, { max: 1, onnotice: () => {} });
const runs: Run[] = [];
try {
  step(`creating ${ROOMS} rooms of ${PER_ROOM} members`);
  const seminars = [];
  for (let r = 0; r < ROOMS; r++) seminars.push(await createSeminar(Array.from({ length: PER_ROOM }, (_, k) => `S${k}`)));

  for (const instances of [1, 3]) {
    step(`starting ${instances} instance(s) behind HAProxy`);
    const cluster = await startCluster({ instances, port: 0, databaseUrl: scratch.url, env: { SEED_DEMO: 'false', LOG_LEVEL: 'warn' } });
    try {
      const specs: ClientSpec[] = seminars.flatMap((s) =>
        s.students.map((student) => ({ room: `doc:${s.course.id}:${s.documentId}`, branch: `u:${student.id}`, cookie: student.cookie, origin: cluster.url })),
      );
      let before: Totals | null = null;
      let cpuBefore: number[] = [];
      let walBefore = '';
      let started = 0;
      step(`${specs.length} clients writing a note every ${INTERVAL_MS / 1000} s for ${DURATION_MS / 1000} s`);
      const result = await driveClients(
        { url: `${cluster.url.replace(/^http/, 'ws')}/sync`, specs, intervalMs: INTERVAL_MS, warmupMs: INTERVAL_MS, durationMs: DURATION_MS, workers: 2 },
        async () => {
          // Counted from when every client is in (the joins' claims are not steady state) to the end.
          await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
          before = await totals(cluster);
          cpuBefore = cluster.instances.map((i) => cpuSeconds(i.process!.pid!));
          walBefore = (await admin<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`)[0]!.lsn;
          started = performance.now();
        },
      );
      const seconds = (performance.now() - started) / 1000;
      const after = await totals(cluster);
      const cpu = cluster.instances.map((i, k) => (cpuSeconds(i.process!.pid!) - cpuBefore[k]!) / seconds);
      const [wal] = await admin<{ bytes: string }[]>`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), ${walBefore}::pg_lsn)::text AS bytes`;
      runs.push({ instances, result, seconds, updates: after.updates - before!.updates, notifies: after.notifies - before!.notifies, batches: after.batches - before!.batches, cpu, walBytes: Number(wal!.bytes) });
      if (instances > 1) failover = await measureFailover(cluster, seminars);
    } finally {
      await cluster.stop();
    }
  }

  printTable(
    ['instances', 'clients', 'fan-out p50 ms', 'p95 ms', 'p99 ms', 'updates/s', 'NOTIFYs per update', 'commits per update', 'WAL bytes per update', 'CPU per instance (% of a core)'],
    runs.map((r) => [
      String(r.instances),
      String(ROOMS * PER_ROOM),
      percentile(r.result.latencies, 0.5).toFixed(1),
      percentile(r.result.latencies, 0.95).toFixed(1),
      percentile(r.result.latencies, 0.99).toFixed(1),
      (r.updates / r.seconds).toFixed(1),
      (r.notifies / Math.max(1, r.updates)).toFixed(3),
      (r.batches / Math.max(1, r.updates)).toFixed(2),
      (r.walBytes / Math.max(1, r.updates)).toFixed(0),
      r.cpu.map((c) => (c * 100).toFixed(1)).join(' / '),
    ]),
  );
  const [one, three] = runs;
  const p99 = (r: Run) => percentile(r.result.latencies, 0.99);
  console.log(`\nNOTIFYs per update at 3 instances: ${(three!.notifies / three!.updates).toFixed(3)} (target 0)`);
  console.log(`p99 at 3 instances ÷ p99 at 1: ${(p99(three!) / p99(one!)).toFixed(2)} (target ≤ 1, within noise)`);
  console.log(`CPU per stored update (all instances): ${((three!.cpu.reduce((a, b) => a + b, 0) * three!.seconds * 1000) / three!.updates).toFixed(2)} ms at 3, ${((one!.cpu[0]! * one!.seconds * 1000) / one!.updates).toFixed(2)} ms at 1`);
  console.log(`A dead instance's clients served again (${failover.length} clients): p50 ${percentile(failover, 0.5).toFixed(0)} ms, max ${failover[failover.length - 1]?.toFixed(0)} ms (target under 5,000 ms)`);
  console.log(`Delivered: ${runs.map((r) => `${r.result.delivered} of ${r.result.written * (PER_ROOM - 1)} expected`).join('; ')}`);
} finally {
  await admin.end();
  await closeSql();
  await scratch.drop();
}
// The failover's clients leave reconnect timers behind; the run is over.
process.exit(process.exitCode ?? 0);
