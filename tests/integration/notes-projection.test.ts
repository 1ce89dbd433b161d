import { describe, expect, it } from 'vitest';
import { sql } from '../../db/sql';
import { addNote, deleteNote, setHidden, updateNote, type NoteEntry } from '~/lib/notes/model';
import { describePassage } from '~/lib/anchoring/selectors';
import { rebuildProjections } from '../../server/sync/rebuild';
import { appHarness } from '../helpers/app-harness';
import { importDocument } from '~/lib/sources/import.server';
import { createSeminar, type TestMember } from '../helpers/fixtures';
import { Client } from '../helpers/browserless-client';
import { eventually } from '../helpers/sync-clients';

const h = appHarness();

const TEXT = 'Today, 22 September, a meeting was held.\n\nCde. Kim Il Sung passed us the draft.\n';
const entry = (id: string, extra: Partial<NoteEntry> = {}): NoteEntry => ({
  id,
  kind: 'note',
  parentId: null,
  parentAuthorId: null,
  body: `Body of ${id}`,
  tags: ['cable'],
  selectors: describePassage(TEXT, 7, 19),
  documentVersion: 1,
  createdAt: Date.now(),
  updatedAt: Date.now(),
  deleted: false,
  ...extra,
});

async function rowsOf(room: string) {
  return sql<{ id: string; author_id: string; body: string; hidden: boolean; hidden_reason: string | null; deleted: boolean; kind: string; parent_id: string | null; visibility: string; quote: string | null; tags: string[] }[]>`
    SELECT id, author_id, body, hidden, hidden_reason, deleted, kind, parent_id, visibility, quote, tags FROM notes WHERE room = ${room} ORDER BY author_id, id`;
}

describe('notes projection', () => {
  it('follows creates, edits, replies, hides and deletes within a second, and a rebuild gives the same rows', async () => {
    const { course, documentId, students: [ana, ben], instructor } = await createSeminar();
    const room = `doc:${course.id}:${documentId}`;
    const a = h.join(ana!, room);
    const b = h.join(ben!, room);
    const t = h.join(instructor, room);
    await eventually('synced', () => a.sync.provider.synced && b.sync.provider.synced && t.sync.provider.synced);

    addNote(a.doc, ana!.id, entry('n1'));
    await eventually('note projected', async () => (await rowsOf(room)).length === 1, 1000);
    const [row] = await rowsOf(room);
    expect(row).toMatchObject({ id: 'n1', author_id: ana!.id, body: 'Body of n1', visibility: 'class', quote: '22 September', tags: ['cable'], kind: 'note', hidden: false, deleted: false });

    updateNote(a.doc, ana!.id, 'n1', { body: 'Edited', tags: ['cable', 'mikoyan'] });
    await eventually('edit projected', async () => (await rowsOf(room))[0]?.body === 'Edited', 1000);

    await eventually('Ben has the note', () => b.doc.getMap(`u:${ana!.id}`).has('n1'));
    addNote(b.doc, ben!.id, entry('r1', { kind: 'reply', parentId: 'n1', parentAuthorId: ana!.id, selectors: null, body: 'A reply' }));
    await eventually('reply projected', async () => (await rowsOf(room)).some((r) => r.id === 'r1' && r.parent_id === 'n1' && r.kind === 'reply'), 1000);

    await eventually('instructor has the reply', () => t.doc.getMap(`u:${ben!.id}`).has('r1'));
    setHidden(t.doc, { authorId: ben!.id, noteId: 'r1', hidden: true, reason: 'Off topic', by: instructor.id });
    await eventually('hide projected', async () => (await rowsOf(room)).some((r) => r.id === 'r1' && r.hidden && r.hidden_reason === 'Off topic'), 1000);
    // Its author is told, with the reason; nobody else is.
    const told = () => sql<{ user_id: string; title: string; excerpt: string }[]>`SELECT user_id, title, excerpt FROM notifications WHERE kind = 'moderation' ORDER BY created_at`;
    await eventually('author notified', async () => (await told()).length === 1, 2000);
    expect(await told()).toEqual([{ user_id: ben!.id, title: expect.stringMatching(/^An instructor hid your note on “/), excerpt: 'Reason: Off topic' }]);
    // Only the flag changes, not the note: the row must follow it.
    setHidden(t.doc, { authorId: ben!.id, noteId: 'r1', hidden: false, reason: '', by: instructor.id });
    await eventually('un-hide projected', async () => (await rowsOf(room)).some((r) => r.id === 'r1' && !r.hidden && r.hidden_reason === null), 1000);
    await eventually('author told it is shown again', async () => (await told()).length === 2, 2000);
    expect((await told())[1]!.title).toMatch(/showed your note on .* to the class again$/);

    deleteNote(a.doc, ana!.id, 'n1');
    await eventually('delete projected as a placeholder', async () => (await rowsOf(room)).some((r) => r.id === 'n1' && r.deleted && r.body === ''), 1000);

    // Garbage in one's own branch is refused by the server (rooms take well-formed entries only), and never projected.
    a.doc.getMap(`u:${ana!.id}`).set('junk', { not: 'a note' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await rowsOf(room)).map((r) => r.id).sort()).toEqual(['n1', 'r1']);

    const before = await rowsOf(room);
    await sql`DELETE FROM notes`;
    await rebuildProjections();
    expect(await rowsOf(room)).toEqual(before);
  });

  it('projects private and instructor notes with their visibility', async () => {
    const { course, documentId, students: [ana, ben], instructor } = await createSeminar();
    const mine = h.join(ana!, `private:${course.id}:${documentId}:${ana!.id}`);
    const staff = h.join(instructor, `staff:${course.id}:${documentId}`);
    await eventually('synced', () => mine.sync.provider.synced && staff.sync.provider.synced);
    addNote(mine.doc, ana!.id, entry('p1'));
    addNote(staff.doc, instructor.id, entry('s1'));
    await eventually('both projected', async () => (await sql`SELECT 1 FROM notes WHERE course_id = ${course.id}`).length === 2, 1000);
    const rows = await sql`SELECT id, visibility FROM notes WHERE course_id = ${course.id} ORDER BY id`;
    expect(rows).toEqual([{ id: 'p1', visibility: 'private' }, { id: 's1', visibility: 'staff' }]);

    // The course home counts what each member may see: Ana her private note, the instructor the staff note.
    const countOn = async (cookie: string) => {
      const client = new Client(h.app.baseUrl);
      client.setCookieHeader(cookie);
      const html = (await (await client.get(`/c/${course.id}`)).text()).replaceAll('<!-- -->', '');
      return /class="note-count">([^<]*)</.exec(html)![1];
    };
    expect(await countOn(ana!.cookie)).toBe('1 note');
    expect(await countOn(instructor.cookie)).toBe('1 note');
    expect(await countOn(ben!.cookie)).toBe('no notes yet');
  });
});

describe('the reader’s first paint', () => {
  it('carries the notes the member may see, from the projection, and nothing else', async () => {
    const { course, documentId, students: [ana, ben], instructor } = await createSeminar();
    const [classRoom, staffRoom] = [`doc:${course.id}:${documentId}`, `staff:${course.id}:${documentId}`];
    const a = h.join(ana!, classRoom);
    const aPrivate = h.join(ana!, `private:${course.id}:${documentId}:${ana!.id}`);
    const b = h.join(ben!, classRoom);
    const t = h.join(instructor, classRoom);
    const tStaff = h.join(instructor, staffRoom);
    addNote(a.doc, ana!.id, entry('c1', { body: 'canary-class-note' }));
    addNote(aPrivate.doc, ana!.id, entry('p1', { body: 'canary-private-of-ana' }));
    addNote(tStaff.doc, instructor.id, entry('s1', { body: 'canary-staff-only' }));
    addNote(b.doc, ben!.id, entry('h1', { body: 'canary-hidden-body', tags: ['canary-hidden-tag'] }));
    addNote(b.doc, ben!.id, entry('r1', { kind: 'reply', parentId: 'c1', parentAuthorId: ana!.id, selectors: null, body: 'A reply' }));
    await eventually('instructor has Ben’s note', () => t.doc.getMap(`u:${ben!.id}`).has('h1'));
    setHidden(t.doc, { authorId: ben!.id, noteId: 'h1', hidden: true, reason: 'canary-hide-reason', by: instructor.id });
    await eventually('all projected', async () => {
      const [n] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM notes WHERE document_id = ${documentId} AND (hidden OR kind = 'reply' OR visibility <> 'class')`;
      return n!.n === 4;
    }, 2000);

    // The single reader, and the compare view with the source on its right (the same rules, one more path).
    const { documentId: other } = await importDocument({
      meta: { slug: `other-${course.id}`, title: 'Memo', kind: 'primary', genre: '', date: null, origin: '', textNote: '' },
      text: 'A memo of the plenum.\n',
      createdBy: instructor.id,
      courseId: course.id,
    });
    await firstPaintsAgree(course.id, documentId, other, [ana!, ben!, instructor]);
    const page = async (member: typeof ana) => (await (await h.as(member!).get(`/c/${course.id}/d/${documentId}`)).text());
    const comparePage = async (member: typeof ana) => (await (await h.as(member!).get(`/c/${course.id}/compare?left=${other}&right=${documentId}`)).text());
    const asBen = await page(ben);
    expect(asBen).toContain('canary-class-note');
    for (const secret of ['canary-private-of-ana', 'canary-staff-only']) expect(asBen).not.toContain(secret);
    // Ben wrote the hidden note: he still sees it, and why it was hidden.
    for (const own of ['canary-hidden-body', 'canary-hidden-tag', 'canary-hide-reason']) expect(asBen).toContain(own);
    const asAna = await page(ana);
    expect(asAna).toContain('canary-private-of-ana');
    // A classmate sees nothing of it: not its text, its tags or the reason.
    for (const secret of ['canary-staff-only', 'canary-hidden-body', 'canary-hidden-tag', 'canary-hide-reason']) expect(asAna).not.toContain(secret);
    const asInstructor = await page(instructor);
    expect(await comparePage(instructor)).toContain('canary-staff-only');
    for (const seen of ['canary-class-note', 'canary-staff-only', 'canary-hidden-body', 'canary-hide-reason']) expect(asInstructor).toContain(seen);
    expect(asInstructor).not.toContain('canary-private-of-ana');
  });
});

/**
 * Whether the compare view carries, for the source on its right, the same first paint of notes as the
 * single reader does, for each member: what one may not see must not arrive through either path.
 */
async function firstPaintsAgree(courseId: string, documentId: string, other: string, members: TestMember[]) {
  const firstPaintOf = (html: string) => [...html.matchAll(/canary-[a-z-]+/g)].map((m) => m[0]).sort();
  for (const member of members) {
    const reader = await (await h.as(member).get(`/c/${courseId}/d/${documentId}`)).text();
    const compare = await (await h.as(member).get(`/c/${courseId}/compare?left=${other}&right=${documentId}`)).text();
    expect(firstPaintOf(compare)).toEqual(firstPaintOf(reader));
  }
}
