/**
 * The sync server checks what an entry is, not only where it is written: notes and posts must be
 * well-formed and within the design's limits, and a member's share of a room and the room's total are
 * capped. A refused update is not stored or broadcast; its writer is told why and starts afresh.
 */
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setThreadSettings, writePost, type PostEntry } from '~/lib/board/model';
import { NOTE_LIMITS, type NoteEntry } from '~/lib/notes/model';
import { sql } from '../../db/sql';
import { startApp, type RunningApp } from '../helpers/app-server';
import { createSeminar } from '../helpers/fixtures';
import { eventually, noteBody, noteEntry, trackedClients, type TestClient } from '../helpers/sync-clients';

const MEMBER_BYTES = 64 * 1024;
const ROOM_BYTES = 160 * 1024;
let app: RunningApp;
const clients = trackedClients();
const join = clients.join;
const synced = (client: TestClient) => eventually('client synced', () => client.sync.provider.synced);

beforeAll(async () => {
  app = await startApp({ DATABASE_URL: process.env.DATABASE_URL, SYNC_MEMBER_ROOM_BYTES: String(MEMBER_BYTES), SYNC_ROOM_BYTES: String(ROOM_BYTES) });
});
afterAll(async () => {
  clients.destroyAll();
  await app?.stop();
});

/** A member and a classmate in one document's room, with the member's refusals recorded. */
async function pair() {
  const { course, documentId, students: [ana, ben], instructor } = await createSeminar();
  const room = `doc:${course.id}:${documentId}`;
  const a = join(app.baseUrl, ana!, room);
  const b = join(app.baseUrl, ben!, room);
  await Promise.all([synced(a), synced(b)]);
  const refusals: string[] = [];
  a.sync['options'].onReset = (_doc: Y.Doc, reason: string) => refusals.push(reason);
  const stored = async () => (await sql`SELECT count(*)::int AS n FROM yjs_updates WHERE room = ${room}`)[0]!.n as number;
  return { room, course, documentId, ana: ana!, ben: ben!, instructor, a, b, refusals, stored };
}

const note = (id: string, change: Partial<NoteEntry>) => JSON.stringify({ ...JSON.parse(noteEntry(id, 'x')), ...change });

describe('what a document’s rooms take', () => {
  it('refuses a note over 20,000 characters, one with 1,000 tags, and values that are not notes; takes a note at the limit', async () => {
    const { a, b, ana, refusals, stored } = await pair();
    const before = await stored();
    const attempts: [string, unknown, RegExp][] = [
      ['long', note('long', { body: 'x'.repeat(NOTE_LIMITS.body + 5_000) }), /entry "long": body: Too big/],
      ['tags', note('tags', { tags: Array.from({ length: 1000 }, (_, i) => `t${i}`) }), /entry "tags": tags: Too big/],
      ['big', 'x'.repeat(900 * 1024), /entry "big" is longer than 100000 characters/],
      ['obj', { not: 'a note' }, /entry "obj" is not a JSON string/],
      ['other', noteEntry('someone-else', 'hello'), /entry "other" carries another id/],
    ];
    for (const [key, value, reason] of attempts) {
      a.branch().set(key, value);
      await eventually(`"${key}" refused`, () => refusals.length > 0);
      expect(refusals.shift()).toMatch(new RegExp(`^write refused: ${reason.source}`));
      await synced(a);
    }
    expect(await stored()).toBe(before);
    expect([...b.doc.getMap(`u:${ana.id}`).keys()]).toEqual([]);
    // At the limit it is taken, and the classmate sees it.
    a.write('max', 'y'.repeat(NOTE_LIMITS.body));
    await eventually('the longest note arrives', () => noteBody(b.doc, ana.id, 'max')?.length === NOTE_LIMITS.body);
    expect(refusals).toEqual([]);
  });

  it('refuses nested types and lists in a branch, even in one’s own', async () => {
    const { a, refusals } = await pair();
    a.branch().set('nested', new Y.Map());
    await eventually('refused', () => refusals.length === 1);
    expect(refusals[0]).toBe('write refused: entry "nested" is not one JSON value');
  });

  it('caps what one member keeps in a room; over it, nothing is stored, the writer is told, and can still delete', async () => {
    const { a, b, ana, ben, refusals, stored } = await pair();
    const closes: number[] = [];
    a.sync.provider.on('connection-close', (event) => event && closes.push(event.code));
    const body = 'z'.repeat(15_000);
    for (let i = 0; i < 4; i++) a.write(`n${i}`, body); // about 60 KiB: under 64 KiB
    await eventually('four notes arrive', () => noteBody(b.doc, ana.id, 'n3') !== undefined);
    const before = await stored();
    a.write('n4', body);
    await eventually('over the quota: refused', () => refusals.length === 1);
    expect(closes).toContain(4413);
    expect(refusals[0]).toMatch(/^not saved: your entries in this room would take \d+ KiB, over the 64 KiB each member may keep$/);
    expect(await stored()).toBe(before);
    await synced(a);
    expect(noteBody(a.doc, ana.id, 'n4')).toBeUndefined();
    // Making room is always allowed: a shorter note replaces a long one.
    a.write('n0', 'short now');
    await eventually('the edit arrives', () => noteBody(b.doc, ana.id, 'n0') === 'short now');
    // The classmate is not affected by Ana's share.
    b.write('n1', body);
    await eventually('Ben’s note arrives', () => noteBody(a.doc, ben.id, 'n1') !== undefined);
  });

  it('caps the whole room', async () => {
    // Three members, each under their own quota, together over the room's.
    const seminar = await createSeminar(['One', 'Two', 'Three']);
    const room = `doc:${seminar.course.id}:${seminar.documentId}`;
    const clients = seminar.students.map((s) => join(app.baseUrl, s, room));
    await Promise.all(clients.map(synced));
    const refusals: string[] = [];
    clients[2]!.sync['options'].onReset = (_doc: Y.Doc, reason: string) => refusals.push(reason);
    const body = 'r'.repeat(14_000);
    for (const [c, client] of clients.slice(0, 2).entries()) for (let i = 0; i < 4; i++) client.write(`c${c}n${i}`, body);
    await eventually('two members’ notes stored', async () => (await sql`SELECT count(*)::int AS n FROM yjs_updates WHERE room = ${room}`)[0]!.n >= 8);
    for (let i = 0; i < 4; i++) clients[2]!.write(`c2n${i}`, body);
    await eventually('the room is full', () => refusals.length > 0);
    expect(refusals[0]).toMatch(/^not saved: this room would hold \d+ KiB, over its 160 KiB limit$/);
  });
});

describe('what a board takes', () => {
  it('refuses a reply to a locked thread stored any other way, and a post rewritten into it', async () => {
    const { course, instructor, students: [ana, ben] } = await createSeminar();
    const room = `board:${course.id}`;
    const a = join(app.baseUrl, ana!, room);
    const teacher = join(app.baseUrl, instructor, room);
    await Promise.all([synced(a), synced(teacher)]);
    const post = (id: string, extra: Partial<PostEntry> = {}): PostEntry => ({
      id, kind: 'thread', title: 'Who gave in first?', body: 'b', threadId: null, threadAuthorId: null, parentId: null,
      parentAuthorId: null, link: null, createdAt: 1, updatedAt: 1, deleted: false, ...extra,
    });
    const reply = (id: string, threadId: string) => post(id, { kind: 'reply', title: '', threadId, threadAuthorId: instructor.id, parentId: threadId, parentAuthorId: instructor.id });
    writePost(teacher.doc, instructor.id, post('open'));
    writePost(teacher.doc, instructor.id, post('closed'));
    writePost(a.doc, ana!.id, reply('r1', 'open'));
    await eventually('Ana’s reply stored', () => teacher.doc.getMap(`u:${ana!.id}`).has('r1'));
    setThreadSettings(teacher.doc, `${instructor.id}:closed`, { pinned: false, locked: true, by: instructor.id });
    await eventually('Ana sees the lock', () => a.doc.getMap('mod').has(`thread:${instructor.id}:closed`));
    const refusals: string[] = [];
    a.sync['options'].onReset = (_doc: Y.Doc, reason: string) => refusals.push(reason);

    // The reply as ContentJSON (the content Yjs's old JSON values use), not the one string the board writes.
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1); // one client
    encoding.writeVarUint(e, 1); // one struct
    encoding.writeVarUint(e, 424242);
    encoding.writeVarUint(e, 0);
    encoding.writeUint8(e, 2 | 0x20); // ContentJSON, with a parentSub
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, `u:${ana!.id}`);
    encoding.writeVarString(e, 'r2');
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, JSON.stringify(JSON.stringify(reply('r2', 'closed'))));
    encoding.writeVarUint(e, 0); // no deletions
    Y.applyUpdate(a.doc, encoding.toUint8Array(e));
    await eventually('refused', () => refusals.length === 1);
    expect(refusals[0]).toBe('write refused: entry "r2" is not one JSON value');
    await synced(a);

    // Ana's earlier reply moved into the locked thread.
    writePost(a.doc, ana!.id, reply('r1', 'closed'));
    await eventually('refused', () => refusals.length === 2);
    expect(refusals[1]).toBe('write refused: a post cannot move to another thread or parent');
    await synced(a);
    expect(JSON.parse(teacher.doc.getMap(`u:${ana!.id}`).get('r1') as string).threadId).toBe('open');
    // A new reply in the locked thread, written the ordinary way.
    writePost(a.doc, ana!.id, reply('r3', 'closed'));
    await eventually('refused', () => refusals.length === 3);
    expect(refusals[2]).toBe('write refused: the thread is locked: no new replies');
    void ben;
  });
});
