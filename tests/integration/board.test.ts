import { describe, expect, it } from 'vitest';
import { writePost, setThreadSettings, type PostEntry } from '~/lib/board/model';
import { setHidden } from '~/lib/notes/model';
import { sql } from '../../db/sql';
import { rebuildProjections } from '../../server/sync/rebuild';
import { appHarness } from '../helpers/app-harness';
import { createMember, createSeminar } from '../helpers/fixtures';
import { eventually, tryUpgrade } from '../helpers/sync-clients';

const h = appHarness();
const { as, join } = h;
const entry = (id: string, extra: Partial<PostEntry> = {}): PostEntry => ({
  id, kind: 'thread', title: 'Who gave in first?', body: '', threadId: null, threadAuthorId: null, parentId: null,
  parentAuthorId: null, link: null, createdAt: Date.now(), updatedAt: Date.now(), deleted: false, ...extra,
});
const notificationsOf = (userId: string) =>
  sql<{ kind: string; actor_id: string; title: string; link: string }[]>`SELECT kind, actor_id, title, link FROM notifications WHERE user_id = ${userId} ORDER BY created_at`;

describe('the course board', () => {
  it('projects threads and replies, and tells the mentioned and the answered, once each', async () => {
    const { course, instructor, students: [ana, ben, cho] } = await createSeminar(['Ana Lee', 'Ben Ode', 'Cho Park']);
    const room = `board:${course.id}`;
    const a = join(ana!, room);
    const b = join(ben!, room);
    const teacher = join(instructor, room);
    await eventually('synced', () => [a, b, teacher].every((c) => c.sync.provider.synced));

    writePost(a.doc, ana!.id, entry('t1', { body: 'What do you think, @Ben Ode? And @cho?' }));
    await eventually('mentions notified', async () => (await notificationsOf(ben!.id)).length === 1 && (await notificationsOf(cho!.id)).length === 1);
    expect((await notificationsOf(ben!.id))[0]).toMatchObject({
      kind: 'mention', actor_id: ana!.id, title: 'mentioned you in “Who gave in first?”',
      link: `/c/${course.id}/board?thread=${encodeURIComponent(`${ana!.id}:t1`)}#post-${encodeURIComponent(`${ana!.id}:t1`)}`,
    });

    writePost(b.doc, ben!.id, entry('r1', { kind: 'reply', title: '', body: 'Kim did.', threadId: 't1', threadAuthorId: ana!.id, parentId: 't1', parentAuthorId: ana!.id }));
    await eventually('reply notified', async () => (await notificationsOf(ana!.id)).length === 1);
    expect((await notificationsOf(ana!.id))[0]).toMatchObject({ kind: 'reply', actor_id: ben!.id, title: 'replied in “Who gave in first?”' });

    // An edit, a re-projection, or a rebuild notifies nobody again.
    writePost(a.doc, ana!.id, entry('t1', { body: 'What do you think, @Ben Ode? And @cho? (edited)' }));
    await eventually('edit projected', async () => (await sql`SELECT body FROM board_posts WHERE id = 't1'`)[0]?.body.endsWith('(edited)'));
    const before = await sql`SELECT * FROM board_posts WHERE room = ${room} ORDER BY id`;
    await rebuildProjections();
    expect(await sql`SELECT * FROM board_posts WHERE room = ${room} ORDER BY id`).toEqual(before);
    expect(await notificationsOf(ben!.id)).toHaveLength(1);
    expect(await notificationsOf(ana!.id)).toHaveLength(1);

    // Hidden by the instructor: projected as hidden, and its mention tells nobody.
    writePost(b.doc, ben!.id, entry('r2', { kind: 'reply', title: '', body: 'Rude remark, @Cho Park', threadId: 't1', threadAuthorId: ana!.id, parentId: 'r1', parentAuthorId: ben!.id }));
    setHidden(teacher.doc, { authorId: ben!.id, noteId: 'r2', hidden: true, reason: 'tone', by: instructor.id });
    setThreadSettings(teacher.doc, `${ana!.id}:t1`, { pinned: true, locked: true, by: instructor.id });
    await eventually('hidden projected', async () => (await sql`SELECT hidden FROM board_posts WHERE id = 'r2'`)[0]?.hidden === true);
    expect((await notificationsOf(cho!.id)).map((n) => n.kind)).toEqual(['mention']);
  });

  it('refuses a new reply in a locked thread, and still lets an earlier reply be edited', async () => {
    const { course, instructor, students: [ana, ben] } = await createSeminar(['Ana', 'Ben']);
    const room = `board:${course.id}`;
    const a = join(ana!, room);
    const teacher = join(instructor, room);
    await eventually('synced', () => a.sync.provider.synced && teacher.sync.provider.synced);
    const reply = (id: string, body: string) => entry(id, { kind: 'reply', title: '', body, threadId: 't1', threadAuthorId: ana!.id, parentId: 't1', parentAuthorId: ana!.id });
    writePost(a.doc, ana!.id, entry('t1'));
    const before = reply('before', 'Written before the lock');
    writePost(a.doc, ana!.id, before);
    await eventually('posts projected', async () => (await sql`SELECT 1 FROM board_posts WHERE room = ${room}`).length === 2);
    setThreadSettings(teacher.doc, `${ana!.id}:t1`, { pinned: false, locked: true, by: instructor.id });
    await eventually('lock arrived', () => (a.doc.getMap('mod').get(`thread:${ana!.id}:t1`) as { locked?: boolean } | undefined)?.locked === true);

    writePost(a.doc, ana!.id, { ...before, body: 'Edited after the lock', updatedAt: Date.now() });
    await eventually('edit stored', async () => (await sql`SELECT body FROM board_posts WHERE id = 'before'`)[0]?.body === 'Edited after the lock');

    // A client that ignores the lock (and backdates its reply) is refused and starts afresh.
    const resets: unknown[] = [];
    a.sync['options'].onReset = (doc: unknown) => resets.push(doc);
    writePost(a.doc, ana!.id, { ...reply('after', 'Sneaking in'), createdAt: 0, updatedAt: 0 });
    await eventually('refused', () => resets.length === 1);
    const b = join(ben!, room);
    await eventually('Ben synced', () => b.sync.provider.synced);
    expect(b.doc.getMap(`u:${ana!.id}`).has('after')).toBe(false);
    expect(await sql`SELECT 1 FROM yjs_updates WHERE room = ${room} AND position(convert_to('Sneaking', 'UTF8') in update) > 0`).toHaveLength(0);
  });

  it('keeps each member’s read state, and shows non-members nothing', async () => {
    const { course, students: [ana] } = await createSeminar(['Ana']);
    const outsider = await createMember('Outsider');
    const thread = `${ana!.id}:t1`;
    expect((await as(ana!).post(`/c/${course.id}/board`, { intent: 'read', thread })).status).toBe(200);
    expect(await sql`SELECT thread_key FROM board_reads WHERE user_id = ${ana!.id}`).toEqual([{ thread_key: thread }]);
    expect((await as(ana!).post(`/c/${course.id}/board`, { intent: 'read', thread: 'x; DROP TABLE' })).status).toBe(400);
    expect((await as(outsider).get(`/c/${course.id}/board`)).status).toBe(404);
    expect((await as(outsider).post(`/c/${course.id}/board`, { intent: 'read', thread })).status).toBe(404);
    expect((await tryUpgrade(h.app.baseUrl, `board:${course.id}`, { Cookie: outsider.cookie, Origin: h.app.baseUrl })).status).toBe(403);
  });
});
