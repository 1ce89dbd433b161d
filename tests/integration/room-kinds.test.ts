/**
 * Adding a kind of room is one row: a scratch kind built here from the table's own shape, served by a
 * real sync server (in this process, on a real socket and PostgreSQL, with stock y-websocket clients),
 * is joined, written, checked, re-checked and projected exactly as its row says.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { userBranch } from '~/lib/rooms/kinds';
import { parseRoomName, roomName } from '~/lib/rooms/names';
import { sql } from '../../db/sql';
import { readEnv } from '../../server/env';
import { syncOptions } from '../../server/sync/options';
import type { Projection } from '../../server/sync/projections/projection';
import { rebuildProjections } from '../../server/sync/rebuild';
import { ROOM_TABLE, type RoomTable } from '../../server/sync/room-kinds';
import { SyncServer } from '../../server/sync/sync-server';
import { createSeminar, setRole } from '../helpers/fixtures';
import { eventually, trackedClients, tryUpgrade, type TestClient, refusalsOf } from '../helpers/sync-clients';

/** The scratch kind's own root, which only instructors write. */
const GRADES = 'grades';

interface ScratchRow {
  room: string;
  author_id: string;
  id: string;
  value: string;
}

const scratchProjection: Projection<ScratchRow> = {
  table: 'scratch_rows',
  rows: (name, _room, doc) =>
    [...doc.share.keys()]
      .filter((root) => root.startsWith('u:'))
      .flatMap((root) => [...(doc.getMap(root) as Y.Map<string>).entries()].map(([id, value]) => ({ room: name, author_id: root.slice(2), id, value }))),
  async upsert(tx, _name, changed) {
    await tx`INSERT INTO scratch_rows ${tx(changed as never)} ON CONFLICT (room, author_id, id) DO UPDATE SET value = EXCLUDED.value`;
  },
};

/** `scratch:<course>:<member>`: its owner and the instructors may join; entries are strings starting "ok". */
const TABLE: RoomTable = {
  ...ROOM_TABLE,
  scratch: {
    parts: ['courseId', 'userId'],
    mayJoin: (room, { userId, role }) => (room.userId === userId || role === 'instructor' ? null : 'its owner and the instructors only'),
    writableRoots: ({ userId, role }) => (role === 'instructor' ? [userBranch(userId), GRADES] : [userBranch(userId)]),
    rule: (_doc, items) => {
      for (const { item, key } of items) {
        const value = 'arr' in item.content ? (item.content as { arr: unknown[] }).arr[0] : undefined;
        if (typeof value !== 'string' || !value.startsWith('ok')) return `entry "${key}" is not ok`;
      }
      return null;
    },
    projections: [scratchProjection as unknown as Projection],
  },
};

let http: Server;
let sync: SyncServer;
let baseUrl: string;
const clients = trackedClients();
const synced = (client: TestClient) => eventually('client synced', () => client.sync.provider.synced);

beforeAll(async () => {
  await sql`CREATE TABLE IF NOT EXISTS scratch_rows (room text, author_id uuid, id text, value text, PRIMARY KEY (room, author_id, id))`;
  sync = new SyncServer({ ...syncOptions(readEnv({ ...process.env, LOG_LEVEL: 'silent' }), pino({ level: 'silent' })), authRecheckMs: 3_600_000, rooms: TABLE });
  // (GET /sync/<room> says why an upgrade would be refused, as server/app.ts routes it.)
  http = createServer(express().get('/sync/*', sync.checkHandler));
  await sync.start(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  clients.destroyAll();
  await sync?.close();
  await new Promise((resolve) => http?.close(resolve));
  await sql`DROP TABLE IF EXISTS scratch_rows`;
});

/** A seminar and its first student's scratch room, with refusals recorded per client. */
async function scratchRoom() {
  const seminar = await createSeminar(['Ana', 'Ben']);
  const [ana, ben] = seminar.students as [(typeof seminar.students)[0], (typeof seminar.students)[0]];
  const name = roomName({ kind: 'scratch', courseId: seminar.course.id, userId: ana.id }, TABLE);
  return { ...seminar, ana, ben, name };
}

const headers = (cookie: string) => ({ Cookie: cookie, Origin: baseUrl });

describe('a room kind added as one row', () => {
  it('names: the table parses and builds the new kind, and the default table does not know it', async () => {
    const { course, ana, name } = await scratchRoom();
    expect(name).toBe(`scratch:${course.id}:${ana.id}`);
    expect(parseRoomName(name, TABLE)).toEqual({ kind: 'scratch', courseId: course.id, userId: ana.id });
    expect(parseRoomName(name)).toBeNull();
    expect(parseRoomName(`scratch:${course.id}`, TABLE)).toBeNull();
  });

  it('joining follows its mayJoin: the owner and instructors in, a classmate and an outsider out', async () => {
    const { instructor, ana, ben, name } = await scratchRoom();
    const outsider = (await createSeminar([])).instructor;
    expect(await tryUpgrade(baseUrl, name, headers(ana.cookie))).toEqual({ opened: true });
    expect(await tryUpgrade(baseUrl, name, headers(instructor.cookie))).toEqual({ opened: true });
    expect(await tryUpgrade(baseUrl, name, headers(ben.cookie))).toEqual({ opened: false, status: 403 });
    expect(await tryUpgrade(baseUrl, name, headers(outsider.cookie))).toEqual({ opened: false, status: 403 });
    const why = await fetch(`${baseUrl}/sync/${name}`, { headers: { Cookie: ben.cookie } });
    expect(why.status).toBe(403);
    expect(await why.json()).toEqual({ ok: false, reason: 'its owner and the instructors only' });
  });

  it('writing follows its roots and its rule, and what it takes is projected', async () => {
    const { instructor, ana, name } = await scratchRoom();
    const a = clients.join(baseUrl, ana, name);
    const teacher = clients.join(baseUrl, instructor, name);
    await Promise.all([synced(a), synced(teacher)]);
    const refusedA = refusalsOf(a);
    const refusedTeacher = refusalsOf(teacher);

    a.branch().set('first', 'ok, mine');
    await eventually('the owner’s entry reaches the instructor', () => teacher.doc.getMap(userBranch(ana.id)).get('first') === 'ok, mine');
    a.branch().set('second', 'not fine');
    await eventually('the rule refuses it', () => refusedA.length > 0);
    expect(refusedA.shift()).toBe('write refused: entry "second" is not ok');

    await synced(a);
    a.doc.getMap(GRADES).set(ana.id, 'ok, A+');
    await eventually('a student may not write the grades root', () => refusedA.length > 0);
    expect(refusedA.shift()).toMatch(/^write refused: .*grades/);

    teacher.doc.getMap(GRADES).set(ana.id, 'ok, B');
    await synced(a);
    await eventually('the instructor’s grade reaches the owner', () => a.doc.getMap(GRADES).get(ana.id) === 'ok, B');
    expect(refusedTeacher).toEqual([]);

    await eventually('the projection holds what the room took', async () => {
      const rows = await sql`SELECT author_id, id, value FROM scratch_rows WHERE room = ${name}`;
      return rows.length === 1 && rows[0]!.value === 'ok, mine';
    });
    await sql`DELETE FROM scratch_rows WHERE room = ${name}`;
    await rebuildProjections(TABLE);
    expect(await sql`SELECT author_id::text, id, value FROM scratch_rows WHERE room = ${name}`).toEqual([{ author_id: ana.id, id: 'first', value: 'ok, mine' }]);
  });

  it('re-checking follows its mayJoin too: an instructor made a student is put out, the owner stays', async () => {
    const { course, instructor, ana, ben, name } = await scratchRoom();
    const a = clients.join(baseUrl, ana, name);
    const teacher = clients.join(baseUrl, instructor, name);
    await Promise.all([synced(a), synced(teacher)]);
    await setRole(course.id, ben.id, 'instructor'); // (a course keeps an instructor)
    await setRole(course.id, instructor.id, 'student');
    await sync.recheckAuth();
    await eventually('the former instructor is put out', () => teacher.statuses.includes('forbidden'));
    expect(a.statuses).not.toContain('forbidden');
    expect(a.sync.provider.wsconnected).toBe(true);
  });
});
