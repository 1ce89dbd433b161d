/**
 * npm run bench:seminar — a class of 200 following one instructor (docs/seminar-mode.md).
 *
 * The same 201 stock y-websocket clients, in two runs of a fresh Plenum each:
 * - reference: an ordinary source room, the instructor's presence changing (a selection) as often as a
 *   leader's position does, and a note every 5 s;
 * - seminar: the course's seminar room, the instructor leading (a position every LEAD_INTERVAL_MS, as a
 *   reader scrolling continuously publishes it) and spotlighting every 5 s, the 200 saying they follow.
 * It reports how far behind the instructor each follower's copy of the position is (p50/p95/p99, from
 * the instructor's send to a follower's receipt, one clock), the messages each follower receives per
 * second (coalescing: at most one per presence tick), the server's event-loop p99 over the last whole
 * 10 s of steady load, and this process's CPU (the clients' side). Targets: p95 < 150 ms, loop p99 < 20 ms.
 *
 * Uses DATABASE_URL's server (a scratch database is created and dropped), else an embedded PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { LEAD_INTERVAL_MS, seminarRoomName, setSpotlight } from '~/lib/seminar/model';
import { startApp } from '../helpers/app-server';
import { noteEntry } from '../helpers/sync-clients';
import { printTable } from './report';
import { openScratchDatabase } from './scratch-database';

const FOLLOWERS = Number(process.env.BENCH_FOLLOWERS ?? 200);
const WARMUP_MS = 3_000;
// Long enough that the server's last whole 10-s window of loop delay lies inside the measured load.
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 22_000);
const SPOTLIGHT_EVERY_MS = 5_000;
const TARGET = { p95: 150, loopP99: 20 };

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);

interface Seeded {
  courseId: string;
  documentId: string;
  seminarId: string;
  instructor: { id: string; cookie: string };
  students: { id: string; cookie: string }[];
}

async function seed(sql: postgres.Sql): Promise<Seeded> {
  const tag = randomBytes(3).toString('hex');
  const users = await sql<{ id: string }[]>`
    INSERT INTO users (email, display_name, password_hash)
    SELECT 'seminar' || g || '-' || ${tag} || '@example.org', 'Reader ' || g, 'x' FROM generate_series(0, ${FOLLOWERS}) g RETURNING id`;
  const [course] = await sql<{ id: string }[]>`INSERT INTO courses (title, term, join_code, created_by) VALUES ('Bench seminar', 'Now', ${tag + tag}, ${users[0]!.id}) RETURNING id`;
  await sql`INSERT INTO memberships ${sql(users.map((u, i) => ({ course_id: course!.id, user_id: u.id, role: i === 0 ? 'instructor' : 'student' })))}`;
  const [doc] = await sql<{ id: string }[]>`INSERT INTO documents (slug, title, kind) VALUES (${`seminar-${tag}`}, 'Bench', 'primary') RETURNING id`;
  await sql`INSERT INTO course_documents (course_id, document_id, position) VALUES (${course!.id}, ${doc!.id}, 0)`;
  const [seminar] = await sql<{ id: string }[]>`INSERT INTO seminars (course_id, document_id, led_by) VALUES (${course!.id}, ${doc!.id}, ${users[0]!.id}) RETURNING id`;
  const { createSession } = await import('~/lib/session.server');
  const members = [];
  for (const u of users) members.push({ id: u.id, cookie: `plenum_session=${encodeURIComponent((await createSession(u.id)).token)}` });
  return { courseId: course!.id, documentId: doc!.id, seminarId: seminar!.id, instructor: members[0]!, students: members.slice(1) };
}

/** A stock WebsocketProvider with the member's cookie, counting the messages it receives. */
function client(url: string, origin: string, room: string, cookie: string) {
  const counter = { messages: 0 };
  const Socket = class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { Cookie: cookie, Origin: origin } });
      this.on('message', () => (counter.messages += 1));
    }
  } as unknown as typeof globalThis.WebSocket;
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, { WebSocketPolyfill: Socket, disableBc: true });
  return { doc, provider, counter };
}

type Mode = 'reference' | 'seminar';

async function run(mode: Mode, databaseUrl: string, s: Seeded) {
  const app = await startApp({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
  try {
    const url = `${app.baseUrl.replace('http', 'ws')}/sync`;
    const room = mode === 'seminar' ? seminarRoomName(s.courseId) : `doc:${s.courseId}:${s.documentId}`;
    const leader = client(url, app.baseUrl, room, s.instructor.cookie);
    const followers = s.students.map((m) => client(url, app.baseUrl, room, m.cookie));
    const everyone = [leader, ...followers];
    while (!everyone.every((c) => c.provider.synced)) await sleep(50);
    if (mode === 'seminar') for (const f of followers) f.provider.awareness.setLocalStateField('seminarMode', 'follow');

    // Each follower: when the leader's position arrives, how long since it was sent.
    const sentAt = new Map<number, number>();
    const latencies: number[] = [];
    let measuring = false;
    for (const f of followers) {
      let seen = -1;
      f.provider.awareness.on('change', () => {
        const state = f.provider.awareness.getStates().get(leader.doc.clientID) as { lead?: { at: { block: number }[] }; selection?: { start: number } } | undefined;
        const n = mode === 'seminar' ? state?.lead?.at[0]?.block : state?.selection?.start;
        if (n === undefined || n <= seen) return;
        seen = n;
        const sent = sentAt.get(n);
        if (measuring && sent !== undefined) latencies.push(now() - sent);
      });
    }

    // The instructor: a new position every LEAD_INTERVAL_MS, and a spotlight (or, in the reference, a note) every 5 s.
    let n = 0;
    const move = setInterval(() => {
      n += 1;
      sentAt.set(n, now());
      if (mode === 'seminar') leader.provider.awareness.setLocalStateField('lead', { seminarId: s.seminarId, at: [{ documentId: s.documentId, block: n, offset: 0.5 }] });
      else leader.provider.awareness.setLocalStateField('selection', { start: n, end: n + 1 });
    }, LEAD_INTERVAL_MS);
    let k = 0;
    const write = setInterval(() => {
      k += 1;
      if (mode === 'seminar') setSpotlight(leader.doc, s.instructor.id, s.seminarId, { type: 'passage', documentId: s.documentId, version: 1, start: k, end: k + 8, quote: `passage ${k}` });
      else leader.doc.getMap(`u:${s.instructor.id}`).set(`n${k}`, noteEntry(`n${k}`, `Note ${k}`, now()));
    }, SPOTLIGHT_EVERY_MS);

    await sleep(WARMUP_MS);
    const messagesBefore = followers.reduce((sum, f) => sum + f.counter.messages, 0);
    const cpuBefore = process.cpuUsage();
    measuring = true;
    await sleep(DURATION_MS);
    measuring = false;
    const cpu = process.cpuUsage(cpuBefore);
    const messages = followers.reduce((sum, f) => sum + f.counter.messages, 0) - messagesBefore;
    const health = (await (await fetch(`${app.baseUrl}/healthz`)).json()) as { sync: { connections: number; process: { eventLoopDelayMs: { last10sP99: number | null } } } };
    clearInterval(move);
    clearInterval(write);
    for (const c of everyone) c.provider.destroy();
    latencies.sort((a, b) => a - b);
    return {
      mode,
      connections: health.sync.connections,
      positionsSent: Math.round(DURATION_MS / LEAD_INTERVAL_MS),
      received: latencies.length,
      p50: pick(latencies, 0.5),
      p95: pick(latencies, 0.95),
      p99: pick(latencies, 0.99),
      perFollowerPerSecond: messages / followers.length / (DURATION_MS / 1000),
      loopP99: health.sync.process.eventLoopDelayMs.last10sP99 ?? NaN,
      clientCpu: ((cpu.user + cpu.system) / 1000 / DURATION_MS) * 100,
    };
  } finally {
    await app.stop();
  }
}

async function main() {
  process.setMaxListeners(0); // every WebsocketProvider in Node adds an exit listener
  const scratch = await openScratchDatabase();
  const sql = postgres(scratch.url, { onnotice: () => {} });
  try {
    const seeded = await seed(sql);
    const results = [];
    for (const mode of ['reference', 'seminar'] as const) {
      process.stderr.write(`${mode}: ${FOLLOWERS} followers, ${(DURATION_MS / 1000).toFixed(0)} s…\n`);
      results.push(await run(mode, scratch.url, seeded));
    }
    printTable(
      ['room', 'connections', 'positions received', 'p50 ms', 'p95 ms', 'p99 ms', 'messages / follower / s', 'server loop p99 ms (last 10 s)', 'clients’ CPU %'],
      results.map((r) => [
        r.mode === 'seminar' ? 'seminar room (leading + spotlights)' : 'ordinary room (presence + notes), reference',
        String(r.connections),
        `${r.received} (${r.positionsSent} × ${FOLLOWERS} sent)`,
        r.p50.toFixed(1),
        r.p95.toFixed(1),
        r.p99.toFixed(1),
        r.perFollowerPerSecond.toFixed(1),
        r.loopP99.toFixed(1),
        r.clientCpu.toFixed(0),
      ]),
    );
    const seminar = results.find((r) => r.mode === 'seminar')!;
    const reference = results.find((r) => r.mode === 'reference')!;
    console.log(
      `\nseminar vs reference: p95 ${seminar.p95.toFixed(1)} vs ${reference.p95.toFixed(1)} ms, loop p99 ${seminar.loopP99.toFixed(1)} vs ${reference.loopP99.toFixed(1)} ms.` +
        ` Targets: p95 < ${TARGET.p95} ms (${seminar.p95 < TARGET.p95 ? 'met' : 'MISSED'}), loop p99 < ${TARGET.loopP99} ms (${seminar.loopP99 < TARGET.loopP99 ? 'met' : 'MISSED'}).`,
    );
  } finally {
    await sql.end();
    await scratch.drop();
  }
}

await main();
