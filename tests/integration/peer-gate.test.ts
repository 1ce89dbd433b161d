import { describe, expect, it } from 'vitest';
import { createAssignment, publishAssignment } from '../../db/queries/assignments';
import { sql } from '../../db/sql';
import { addLink, linkEntry } from '~/lib/compare/links';
import { addMatrixRow } from '~/lib/compare/matrix';
import { appHarness } from '../helpers/app-harness';
import { comparison } from '../helpers/comparison';
import { allSynced, eventually, noteBodies } from '../helpers/sync-clients';

const h = appHarness();
const decoder = new TextDecoder();
/** Everything a client was sent, as text: a note's body travels as UTF-8 inside the update's JSON string. */
const everythingSent = (client: { received: Uint8Array[] }) => client.received.map((frame) => decoder.decode(frame)).join('\n');

/** A comparison with a published compare assignment that hides classmates until a student has linked the cases once. */
async function gated() {
  const c = await comparison();
  const id = await createAssignment({
    courseId: c.course.id,
    createdBy: c.instructor.id,
    assignment: {
      title: 'Moscow and Pyongyang', prompt: 'Link the two cases.', kind: 'compare', opensAt: new Date(Date.now() - 3_600_000), dueAt: new Date(Date.now() + 86_400_000),
      minNotes: 0, minReplies: 0, minLinks: 1, minMatrixEntries: 0, responseRequired: false, minWords: 0, peerGate: true,
      documents: [{ documentId: c.memo, focusBlocks: [] }, { documentId: c.documentId, focusBlocks: [] }],
    },
  });
  await publishAssignment({ courseId: c.course.id, id }, c.instructor.id);
  return c;
}

describe('compare first, then see the class', () => {
  it('sends a student none of a classmate’s notes and links until they have made a cross-case link, in the first paint and over sync, and all of them afterwards', async () => {
    const c = await gated();
    const [ana, ben] = c.students as [(typeof c.students)[0], (typeof c.students)[0]];
    const memoRoom = `doc:${c.course.id}:${c.memo}`;
    // Ben (who has compared already) and the instructor write first.
    const [benMemo, teacherMemo, benCompare, teacherCompare] = [h.join(ben, memoRoom), h.join(c.instructor, memoRoom), h.join(ben, c.room), h.join(c.instructor, c.room)];
    await allSynced(benMemo, teacherMemo, benCompare, teacherCompare);
    benMemo.write('b1', 'canary-ben-note');
    teacherMemo.write('t1', 'canary-teacher-note');
    addLink(benCompare.doc, ben.id, linkEntry({ id: 'bl', relation: 'parallels', comment: 'canary-ben-link', ends: [c.memoEnd('Khrushchev refused to resign'), c.cableEnd('a meeting was held')] }));
    addMatrixRow(teacherCompare.doc, { id: 'row', title: 'canary-teacher-row', prompt: '', by: c.instructor.id });
    await eventually('projected', async () => (await sql`SELECT 1 FROM notes WHERE course_id = ${c.course.id}`).length === 2 && (await sql`SELECT 1 FROM evidence_links WHERE course_id = ${c.course.id}`).length === 1);

    // Ana's first paint: the instructor's note, not Ben's; and it says why.
    const page = async (path: string) => (await (await h.as(ana).get(path)).text()).replaceAll('<!-- -->', '');
    const reader = await page(`/c/${c.course.id}/d/${c.memo}`);
    expect(reader).toContain('canary-teacher-note');
    expect(reader).not.toContain('canary-ben-note');
    expect(reader).not.toContain('canary-ben-link');
    expect(reader).toContain('Compare first, then see the class.');
    const compareView = await page(`/c/${c.course.id}/compare?left=${c.memo}&right=${c.documentId}`);
    expect(compareView).not.toContain('canary-ben-note');
    expect(compareView).not.toContain('canary-ben-link');
    const searched = async () => (await page(`/c/${c.course.id}/search?q=canary`)).replace(/<[^>]+>/g, '');
    expect(await searched()).toContain('canary-teacher-note');
    expect(await searched()).not.toContain('canary-ben');

    // Over sync: every frame she is sent holds nothing of Ben's, while the instructor's arrives, live too.
    const [anaMemo, anaCompare] = [h.join(ana, memoRoom), h.join(ana, c.room)];
    await allSynced(anaMemo, anaCompare);
    await eventually('the instructor’s row', () => anaCompare.doc.getMap('matrix').has('row'));
    expect(noteBodies(anaMemo.doc, c.instructor.id)).toEqual({ t1: 'canary-teacher-note' });
    benMemo.write('b2', 'canary-ben-later');
    teacherMemo.write('t2', 'canary-teacher-later');
    await eventually('the instructor’s later note', () => noteBodies(anaMemo.doc, c.instructor.id).t2 === 'canary-teacher-later');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(everythingSent(anaMemo)).not.toContain('canary-ben');
    expect(everythingSent(anaCompare)).not.toContain('canary-ben');
    expect(anaMemo.doc.getMap(`u:${ben.id}`).size).toBe(0);

    // She links the two cases: her sockets reconnect, and everything of Ben's arrives, as in her next first paint.
    addLink(anaCompare.doc, ana.id, linkEntry({ id: 'al', relation: 'contrasts with', comment: 'mine', ends: [c.memoEnd('The Presidium met on 18 June'), c.cableEnd('Kim Il Sung passed us the draft')] }));
    await eventually('Ben’s notes', () => noteBodies(anaMemo.doc, ben.id).b2 === 'canary-ben-later' && noteBodies(anaMemo.doc, ben.id).b1 === 'canary-ben-note', 15_000);
    await eventually('Ben’s link', () => anaCompare.doc.getMap(`u:${ben.id}`).has('bl'), 15_000);
    expect(await page(`/c/${c.course.id}/d/${c.memo}`)).toContain('canary-ben-note');
    expect(await searched()).toContain('canary-ben-note');
  });

  it('never hides anything from instructors, nor in a course whose assignments do not ask for it', async () => {
    const c = await gated();
    const [ana, ben] = c.students as [(typeof c.students)[0], (typeof c.students)[0]];
    const memoRoom = `doc:${c.course.id}:${c.memo}`;
    const benMemo = h.join(ben, memoRoom);
    await allSynced(benMemo);
    benMemo.write('b1', 'canary-ben-note');
    await eventually('projected', async () => (await sql`SELECT 1 FROM notes WHERE course_id = ${c.course.id}`).length === 1);
    const teacher = h.join(c.instructor, memoRoom);
    await allSynced(teacher);
    expect(noteBodies(teacher.doc, ben.id)).toEqual({ b1: 'canary-ben-note' });
    // The gate off: Ana sees Ben's note at once.
    await sql`UPDATE assignments SET peer_gate = false WHERE course_id = ${c.course.id}`;
    const anaMemo = h.join(ana, memoRoom);
    await allSynced(anaMemo);
    await eventually('Ben’s note', () => noteBodies(anaMemo.doc, ben.id).b1 === 'canary-ben-note');
  });
});
