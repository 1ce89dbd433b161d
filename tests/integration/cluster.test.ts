/**
 * The balanced shape (scripts/cluster/): three real instances behind a real HAProxy routing each room to
 * one instance. Real y-websocket clients connect through the balancer; one instance is killed with
 * SIGKILL while they write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startCluster, type Cluster } from '../../scripts/cluster/cluster';
import { Client } from '../helpers/browserless-client';
import { createSeminar, type TestMember } from '../helpers/fixtures';
import { eventually, joinRoom, noteBodies, type TestClient } from '../helpers/sync-clients';

let cluster: Cluster;
const clients: TestClient[] = [];

beforeAll(async () => {
  cluster = await startCluster({
    instances: 3,
    port: 0,
    databaseUrl: process.env.DATABASE_URL!,
    env: { SEED_DEMO: 'false', LOG_LEVEL: 'info', SYNC_ROOM_GRACE_MS: '1000', SYNC_HEARTBEAT_MS: '500', SYNC_REPAIR_MS: '2000' },
  });
}, 120_000);

afterAll(async () => {
  for (const client of clients) client.destroy();
  await cluster?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Health {
  instance: string;
  ownedRooms: string[];
  heldNotOwned: number;
  notifies: { updates: number; claims: number };
}

/** Each running instance's /healthz, asked directly (from this machine, so it names the rooms). */
async function health(): Promise<Health[]> {
  const running = cluster.instances.filter((i) => i.process);
  return Promise.all(running.map(async (i) => ((await (await fetch(`${i.url}/healthz`)).json()) as { sync: Health }).sync));
}

/** Which instance owns each room, failing if a room is owned by none or by two. */
async function owners(rooms: string[]): Promise<Map<string, string>> {
  const byRoom = new Map<string, string[]>();
  for (const h of await health()) for (const room of h.ownedRooms) byRoom.set(room, [...(byRoom.get(room) ?? []), h.instance]);
  return new Map(rooms.map((room) => [room, (byRoom.get(room) ?? []).join(',')]));
}

/** Every note of every member, as "<user>/<body>". */
function entries(doc: Y.Doc, members: TestMember[]): Set<string> {
  const found = new Set<string>();
  for (const m of members) for (const body of Object.values(noteBodies(doc, m.id))) found.add(`${m.id}/${body}`);
  return found;
}

describe('rooms owned by one instance behind HAProxy', () => {
  it('kill -9 of one of three instances while 60 clients write in 20 rooms: its clients are served again within seconds, nothing any client saw is lost, all replicas converge; restarted, it gets its rooms back the same way', async () => {
    const seminars = await Promise.all(Array.from({ length: 20 }, () => createSeminar(['A', 'B', 'C'])));
    const rooms = seminars.map((s) => `doc:${s.course.id}:${s.documentId}`);
    const inRoom = seminars.map((s, r) => s.students.map((student) => ({ student, client: joinRoom(cluster.url, student, rooms[r]!) })));
    for (const { client } of inRoom.flat()) clients.push(client);
    await eventually('60 clients synced', () => clients.every((c) => c.sync.provider.synced), 30_000);

    // Room affinity: each room has exactly one owner, and no instance holds a room it does not own.
    await eventually('every room owned by one instance', async () => [...(await owners(rooms)).values()].every((o) => o !== '' && !o.includes(',')));
    const before = await owners(rooms);
    expect((await health()).every((h) => h.heldNotOwned === 0)).toBe(true);

    // Steady state: writes cost no notification to other instances.
    const notifiesBefore = (await health()).reduce((n, h) => n + h.notifies.updates, 0);
    for (const [r, members] of inRoom.entries()) members.forEach(({ client }, k) => client.write(`warm${k}`, `warm-${r}-${k}`));
    await eventually('warm-up notes everywhere', () => inRoom.every((members) => members.every(({ client }) => entries(client.doc, members.map((m) => m.student)).size === 3)), 20_000);
    expect((await health()).reduce((n, h) => n + h.notifies.updates, 0)).toBe(notifiesBefore);

    // What each client saw of the others, as it arrives.
    const seen = new Set<string>();
    for (const members of inRoom) {
      const students = members.map((m) => m.student);
      for (const { client } of members) client.doc.on('update', () => entries(client.doc, students).forEach((e) => seen.add(e)));
    }

    const victim = cluster.instances.find((i) => [...before.values()].includes(i.name))!;
    const victimRooms = rooms.filter((room) => before.get(room) === victim.name);
    const victimClients = inRoom.filter((_, r) => victimRooms.includes(rooms[r]!)).flat().map((m) => m.client);
    const perClient = 40;
    const writing = (async () => {
      for (let i = 0; i < perClient; i++) {
        for (const { client } of inRoom.flat()) client.write(`n${i}`, `note-${i}`);
        await sleep(100);
      }
    })();

    await sleep(1500);
    await victim.stop('SIGKILL');
    const killedAt = Date.now();
    // Served again: connected to a live instance and synced with it.
    const servedAgain = victimClients.map(async (client) => {
      await eventually('reconnected', () => !client.sync.provider.wsconnected, 10_000).catch(() => {});
      await eventually('served again by another instance', () => client.sync.provider.wsconnected && client.sync.provider.synced, 20_000);
      return Date.now() - killedAt;
    });
    const times = await Promise.all(servedAgain);
    await writing;
    console.info(`cluster failover: ${victimClients.length} clients of ${victimRooms.length} rooms served again after ${Math.min(...times)}–${Math.max(...times)} ms`);
    expect(Math.max(...times)).toBeLessThan(10_000);

    // Nothing lost: a newcomer in each room (through the balancer) finds every note of every writer.
    for (const [r, members] of inRoom.entries()) {
      const students = members.map((m) => m.student);
      const expected = new Set(students.flatMap((s) => [...Array.from({ length: perClient }, (_, i) => `${s.id}/note-${i}`)]));
      const newcomer = joinRoom(cluster.url, students[0]!, rooms[r]!, new Y.Doc());
      clients.push(newcomer);
      await eventually(`room ${r}: every note stored`, () => [...expected].every((e) => entries(newcomer.doc, students).has(e)), 30_000);
      for (const e of seen) if (e.startsWith(students[0]!.id) || e.startsWith(students[1]!.id) || e.startsWith(students[2]!.id)) expect(entries(newcomer.doc, students).has(e)).toBe(true);
      const final = JSON.stringify([...entries(newcomer.doc, students)].sort());
      for (const { client } of members) await eventually('replica converged', () => JSON.stringify([...entries(client.doc, students)].sort()) === final, 30_000);
    }

    // The dead instance's rooms now have one live owner each.
    await eventually('every room owned by one live instance', async () => [...(await owners(rooms)).values()].every((o) => o !== '' && !o.includes(',') && o !== victim.name), 15_000);

    // Restarted, it gets its rooms back: their clients are sent on to it, nothing lost on the way.
    await victim.start();
    const rebalancing = (async () => {
      for (let i = 0; i < 30; i++) {
        for (const { client } of inRoom.flat()) client.write(`after${i}`, `after-${i}`);
        await sleep(200);
      }
    })();
    await eventually('the rooms are back with their owner before the kill', async () => {
      const now = await owners(rooms);
      return rooms.every((room) => now.get(room) === before.get(room));
    }, 30_000);
    await rebalancing;
    await eventually('no instance holds a room it does not own (after the grace period)', async () => (await health()).every((h) => h.heldNotOwned === 0), 15_000);
    await eventually('every client served again', () => clients.every((c) => c.sync.provider.wsconnected && c.sync.provider.synced), 20_000);
    for (const [r, members] of inRoom.entries()) {
      const students = members.map((m) => m.student);
      const newcomer = joinRoom(cluster.url, students[1]!, rooms[r]!, new Y.Doc());
      clients.push(newcomer);
      await eventually(`room ${r}: every note after the restart stored`, () => students.every((s) => Array.from({ length: 30 }, (_, i) => `${s.id}/after-${i}`).every((e) => entries(newcomer.doc, students).has(e))), 30_000);
      const final = JSON.stringify([...entries(newcomer.doc, students)].sort());
      for (const { client } of members) await eventually('replica converged after the rebalance', () => JSON.stringify([...entries(client.doc, students)].sort()) === final, 30_000);
    }
  }, 180_000);

  it('tells operators what each instance holds (/healthz, /metrics), and nobody else', async () => {
    const instance = cluster.instances.find((i) => i.process);
    const direct = await fetch(`${instance!.url}/metrics`);
    expect(direct.status).toBe(200);
    const text = await direct.text();
    for (const name of ['plenum_sync_connections', 'plenum_sync_rooms{state="owned"}', 'plenum_sync_updates_stored_total', 'plenum_sync_persist_seconds_bucket', 'plenum_sync_write_batch_size_bucket', 'nodejs_eventloop_lag_p99_seconds']) {
      expect(text).toContain(name);
    }
    // Through the balancer (a request from anywhere): no metrics, and room names only counted.
    const viaBalancer = await fetch(`${cluster.url}/metrics`);
    expect(viaBalancer.status).toBe(403);
    expect(await viaBalancer.text()).toMatch(/OPS_TOKEN/);
    const health = (await (await fetch(`${cluster.url}/healthz`)).json()) as { sync: { ownedRooms: unknown; instance: string } };
    expect(typeof health.sync.ownedRooms).toBe('number');
    expect(health.sync.instance).toMatch(/^plenum-\d$/);
  });

  it('a session made through the balancer works on every instance (no sticky sessions)', async () => {
    const tab = new Client(cluster.url);
    const signedUp = await tab.signUp({ email: `cluster-${Date.now()}@example.org`, displayName: 'Roaming Reader', password: 'correct horse battery' });
    expect(signedUp.status).toBe(302);
    // Pages go round the instances: six in a row reach each of them twice.
    for (let i = 0; i < 6; i++) {
      const page = await tab.get('/account');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Roaming Reader');
    }
    for (const instance of cluster.instances.filter((i) => i.process)) {
      const page = await fetch(`${instance.url}/account`, { headers: { Cookie: tab.cookieHeader } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Roaming Reader');
    }
  });

  it('a rolling restart (SIGTERM, then start, one instance at a time) while clients write: nothing lost, replicas converge, every room back with one owner', async () => {
    const seminars = await Promise.all(Array.from({ length: 8 }, () => createSeminar(['A', 'B'])));
    const rooms = seminars.map((s) => `doc:${s.course.id}:${s.documentId}`);
    const inRoom = seminars.map((s, r) => s.students.map((student) => ({ student, client: joinRoom(cluster.url, student, rooms[r]!) })));
    const mine = inRoom.flat().map((m) => m.client);
    clients.push(...mine);
    await eventually('clients synced', () => mine.every((c) => c.sync.provider.synced), 30_000);
    const closeCodes = new Set<number>();
    for (const c of mine) c.sync.provider.on('connection-close', (event) => event && closeCodes.add(event.code));

    let rounds = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        for (const c of mine) c.write(`r${rounds}`, `rolling-${rounds}`);
        rounds++;
        await sleep(150);
      }
    })();
    for (const instance of cluster.instances) {
      await instance.stop('SIGTERM');
      await instance.start();
      await eventually(`after ${instance.name}: every room owned by one instance`, async () => [...(await owners(rooms)).values()].every((o) => o !== '' && !o.includes(',')), 30_000);
      await eventually(`after ${instance.name}: every client served`, () => mine.every((c) => c.sync.provider.wsconnected && c.sync.provider.synced), 30_000);
    }
    writing = false;
    await writer;
    // Shut down, an instance says so (1001) and the clients went on to another.
    expect(closeCodes).toContain(1001);

    for (const [r, members] of inRoom.entries()) {
      const students = members.map((m) => m.student);
      const expected = students.flatMap((s) => Array.from({ length: rounds }, (_, i) => `${s.id}/rolling-${i}`));
      const newcomer = joinRoom(cluster.url, students[0]!, rooms[r]!, new Y.Doc());
      clients.push(newcomer);
      await eventually(`room ${r}: every note of the restart stored`, () => {
        const stored = entries(newcomer.doc, students);
        return expected.every((e) => stored.has(e));
      }, 30_000);
      const final = JSON.stringify([...entries(newcomer.doc, students)].sort());
      for (const { client } of members) await eventually('replica converged after the rolling restart', () => JSON.stringify([...entries(client.doc, students)].sort()) === final, 30_000);
    }
    await eventually('no instance holds a room it does not own (after the grace period)', async () => (await health()).every((h) => h.heldNotOwned === 0), 15_000);
  }, 180_000);
});
