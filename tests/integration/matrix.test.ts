import { describe, expect, it } from 'vitest';
import { sql } from '../../db/sql';
import { addLink, linkEntry, setLinkHidden } from '~/lib/compare/links';
import {
  acceptRowProposal,
  addMatrixEntry,
  addMatrixRow,
  MATRIX_BRANCH,
  MATRIX_LIMITS,
  matrixRowSchema,
  proposeMatrixRow,
  readMatrixRows,
  readRowProposals,
  setStudentsMayProposeRows,
  studentsMayProposeRows,
  updateMatrixEntry,
  updateMatrixRow,
  type Evidence,
} from '~/lib/compare/matrix';
import { MOD_BRANCH } from '~/lib/rooms/kinds';
import { rebuildProjections } from '../../server/sync/rebuild';
import { appHarness } from '../helpers/app-harness';
import { comparison } from '../helpers/comparison';
import { createSeminar } from '../helpers/fixtures';
import { allSynced, eventually, refusalsOf } from '../helpers/sync-clients';

const h = appHarness();
const synced = allSynced;

/** The instructor, Ana and Ben in the comparison's compare room, synced. */
async function inTheRoom(c: Awaited<ReturnType<typeof comparison>>) {
  const [ana, ben] = c.students as [(typeof c.students)[0], (typeof c.students)[0]];
  const [t, a, b] = [h.join(c.instructor, c.room), h.join(ana, c.room), h.join(ben, c.room)];
  await synced(t, a, b);
  return { ana, ben, t, a, b };
}

const entriesOf = (room: string) =>
  sql`SELECT author_id, id, row_id, case_id, claim, kind, ref_id, source_a, block_a, quote_a, source_b, block_b, quote_b, hidden, deleted
      FROM matrix_entries WHERE room = ${room} ORDER BY author_id, id`;
const rowsOf = (room: string) => sql`SELECT id, title, prompt, position, locked, deleted FROM matrix_rows WHERE room = ${room} ORDER BY position`;

describe('the comparison matrix', () => {
  it('is projected live as instructors shape its rows and members add, edit, hide and delete entries; a rebuild gives the same rows', async () => {
    const c = await comparison();
    const [moscow, pyongyang] = c.cases as [(typeof c.cases)[0], (typeof c.cases)[0]];
    const { ana, ben, t, a, b } = await inTheRoom(c);
    expect(addMatrixRow(t.doc, { id: 'who', title: 'Who moved against the leader', prompt: 'Name them, with a passage.', by: c.instructor.id })).toBeNull();
    addMatrixRow(t.doc, { id: 'arena', title: 'The arena', prompt: 'Presidium or plenum?', by: c.instructor.id });
    await eventually('Ana sees the rows live', () => a.doc.getMap(MATRIX_BRANCH).size === 2);

    const passage: Evidence = { kind: 'passage', target: [c.memoEnd('Khrushchev refused to resign')] };
    addMatrixEntry(a.doc, ana.id, { id: 'e1', row: 'who', caseId: moscow.id, claim: 'Khrushchev would not go.', evidence: passage });
    addLink(b.doc, ben.id, linkEntry({ id: 'l1', relation: 'parallels', comment: '', ends: [c.memoEnd('The Presidium met'), c.cableEnd('a meeting was held')] }));
    addMatrixEntry(b.doc, ben.id, { id: 'e2', row: 'arena', caseId: pyongyang.id, claim: 'Both began in a small body.', evidence: { kind: 'link', authorId: ben.id, id: 'l1', target: [c.memoEnd('The Presidium met'), c.cableEnd('a meeting was held')] } });
    await eventually('Ben sees Ana’s entry live', () => b.doc.getMap(`u:${ana.id}`).has('e1'));
    await eventually('projected', async () => (await entriesOf(c.room)).length === 2, 2000);
    const rows = await entriesOf(c.room);
    expect(rows.find((r) => r.id === 'e1')).toMatchObject({ row_id: 'who', case_id: moscow.id, claim: 'Khrushchev would not go.', kind: 'passage', source_a: c.memo, block_a: 2, quote_a: 'Khrushchev refused to resign', source_b: null });
    expect(rows.find((r) => r.id === 'e2')).toMatchObject({ kind: 'link', ref_id: 'l1', block_a: 1, source_b: c.documentId, block_b: 1, quote_b: 'a meeting was held' });
    expect((await rowsOf(c.room)).map((r) => r.title)).toEqual(['Who moved against the leader', 'The arena']);

    updateMatrixEntry(a.doc, ana.id, 'e1', { claim: 'Khrushchev refused to resign.' });
    setLinkHidden(t.doc, { authorId: ben.id, linkId: 'e2', hidden: true, reason: 'not evidence', by: c.instructor.id });
    updateMatrixRow(t.doc, 'arena', { title: 'The arena: Presidium vs plenum', locked: true, position: 0.5 });
    await eventually('edits projected', async () => {
      const [entries, matrixRows] = [await entriesOf(c.room), await rowsOf(c.room)];
      return entries.some((r) => r.claim === 'Khrushchev refused to resign.') && entries.some((r) => r.hidden) && matrixRows[0]!.title === 'The arena: Presidium vs plenum';
    }, 2000);
    // A deleted row keeps its entries (they come back with it); a deleted entry is a tombstone.
    updateMatrixRow(t.doc, 'who', { deleted: true });
    updateMatrixEntry(b.doc, ben.id, 'e2', { deleted: true });
    await eventually('deletes projected', async () => (await rowsOf(c.room)).some((r) => r.deleted) && (await entriesOf(c.room)).some((r) => r.deleted), 2000);
    expect((await entriesOf(c.room)).length).toBe(2);

    const [entriesBefore, rowsBefore] = [await entriesOf(c.room), await rowsOf(c.room)];
    await sql`DELETE FROM matrix_entries`;
    await sql`DELETE FROM matrix_rows`;
    await rebuildProjections();
    expect(await entriesOf(c.room)).toEqual(entriesBefore);
    expect(await rowsOf(c.room)).toEqual(rowsBefore);
  });

  it('refuses rows from students, entries in another’s branch, in a locked or missing row, moved to another cell, or a claim over 500 characters: nothing stored or broadcast', async () => {
    const c = await comparison();
    const [moscow, pyongyang] = c.cases as [(typeof c.cases)[0], (typeof c.cases)[0]];
    const { ana, ben, t, a, b } = await inTheRoom(c);
    addMatrixRow(t.doc, { id: 'open', title: 'Open', prompt: '', by: c.instructor.id });
    addMatrixRow(t.doc, { id: 'shut', title: 'Charges brought', prompt: '', by: c.instructor.id });
    updateMatrixRow(t.doc, 'shut', { locked: true });
    await eventually('rows reach Ana', () => a.doc.getMap(MATRIX_BRANCH).size === 2 && a.doc.getMap(MATRIX_BRANCH).get('shut')!.toString().includes('"locked":true'));
    addMatrixEntry(a.doc, ana.id, { id: 'mine', row: 'open', caseId: moscow.id, claim: 'Fine.', evidence: { kind: 'passage', target: [c.memoEnd('The Presidium met')] } });
    await eventually('Ben has it', () => b.doc.getMap(`u:${ana.id}`).has('mine'));
    await synced(a);

    const refusals = refusalsOf(a);
    const stored = async () => (await sql`SELECT count(*)::int AS n FROM yjs_updates WHERE room = ${c.room}`)[0]!.n as number;
    const before = await stored();
    const entry = (id: string, row: string, claim = 'A claim.', caseId = moscow.id) => JSON.stringify({ type: 'MatrixEntry', id, row, case: caseId, claim, evidence: { kind: 'passage', target: [c.memoEnd('The Presidium met')] }, created: 1, modified: 1, deleted: false });
    const attempts: [() => void, RegExp][] = [
      [() => addMatrixRow(a.doc, { id: 'mine-row', title: 'Mine', prompt: '', by: ana.id }), /^write refused: /],
      [() => a.doc.getMap(`u:${ben.id}`).set('forged', entry('forged', 'open')), /^write refused: /],
      [() => a.branch().set('locked', entry('locked', 'shut')), /the row “Charges brought” is locked/],
      [() => a.branch().set('nowhere', entry('nowhere', 'no-such-row')), /no such row/],
      [() => a.branch().set('mine', entry('mine', 'open', 'Moved.', pyongyang.id)), /cannot move to another cell/],
      [() => a.branch().set('long', entry('long', 'open', 'x'.repeat(MATRIX_LIMITS.claim + 1))), /entry "long": claim/],
    ];
    for (const [i, [attempt, reason]] of attempts.entries()) {
      attempt();
      await eventually(`refusal ${i + 1}`, () => refusals.length === i + 1);
      expect(refusals[i]).toMatch(reason);
      await synced(a);
    }
    expect(await stored()).toBe(before);
    expect(b.doc.getMap(MATRIX_BRANCH).size).toBe(2);
    expect([...b.doc.getMap(`u:${ana.id}`).keys()]).toEqual(['mine']);
    expect(b.doc.getMap(`u:${ben.id}`).size).toBe(0);
  });

  it('holds at most 200 rows that are not deleted', async () => {
    const c = await comparison();
    const t = h.join(c.instructor, c.room);
    await synced(t);
    const refusals = refusalsOf(t);
    const row = (id: string) => JSON.stringify(matrixRowSchema.parse({ type: 'MatrixRow', id, title: id, prompt: '', position: 1, locked: false, deleted: false, by: c.instructor.id, created: 1, modified: 1 }));
    t.doc.transact(() => {
      for (let i = 0; i < MATRIX_LIMITS.rows; i++) t.doc.getMap(MATRIX_BRANCH).set(`r${i}`, row(`r${i}`));
    });
    await synced(t);
    expect(refusals).toEqual([]);
    // The limit is also what the client says before writing.
    expect(addMatrixRow(t.doc, { id: 'one-more', title: 'One more', prompt: '', by: c.instructor.id })).toMatch(/200 rows, its limit/);
    t.doc.getMap(MATRIX_BRANCH).set('r-extra', row('r-extra'));
    await eventually('refused', () => refusals.length === 1);
    expect(refusals[0]).toMatch(/at most 200 rows/);
    await synced(t);
    // Deleting one makes room for another.
    updateMatrixRow(t.doc, 'r0', { deleted: true });
    await synced(t);
    t.doc.getMap(MATRIX_BRANCH).set('r-extra', row('r-extra'));
    await eventually('projected', async () => (await sql`SELECT count(*)::int AS n FROM matrix_rows WHERE room = ${c.room} AND NOT deleted`)[0]!.n === 200, 3000);
    expect(refusals.length).toBe(1);
  });

  it('never projects an entry whose column is not a case of the course or whose passage is not on its sources', async () => {
    const c = await comparison();
    const [ana] = c.students;
    const other = await comparison();
    const t = h.join(c.instructor, c.room);
    const a = h.join(ana!, c.room);
    await synced(t, a);
    addMatrixRow(t.doc, { id: 'r', title: 'Row', prompt: '', by: c.instructor.id });
    await eventually('row reached Ana', () => a.doc.getMap(MATRIX_BRANCH).has('r'));
    const passage: Evidence = { kind: 'passage', target: [c.memoEnd('The Presidium met')] };
    addMatrixEntry(a.doc, ana!.id, { id: 'foreign-case', row: 'r', caseId: other.cases[0]!.id, claim: 'x', evidence: passage });
    addMatrixEntry(a.doc, ana!.id, { id: 'foreign-source', row: 'r', caseId: c.cases[0]!.id, claim: 'x', evidence: { kind: 'passage', target: [other.memoEnd('The Presidium met')] } });
    addMatrixEntry(a.doc, ana!.id, { id: 'ok', row: 'r', caseId: c.cases[0]!.id, claim: 'x', evidence: passage });
    await eventually('the good one projected', async () => (await entriesOf(c.room)).length > 0, 2000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await entriesOf(c.room)).map((r) => r.id)).toEqual(['ok']);
  });

  it('exports as CSV and Markdown, and paints in the page, to members only, with the reader’s rule for hidden entries; spreadsheet formulas defused', async () => {
    const c = await comparison();
    const { ana, ben, t, a, b } = await inTheRoom(c);
    addMatrixRow(t.doc, { id: 'r', title: 'Charges brought', prompt: '', by: c.instructor.id });
    await eventually('row reached both', () => a.doc.getMap(MATRIX_BRANCH).has('r') && b.doc.getMap(MATRIX_BRANCH).has('r'));
    const passage: Evidence = { kind: 'passage', target: [c.memoEnd('Khrushchev refused to resign')] };
    addMatrixEntry(a.doc, ana.id, { id: 'formula', row: 'r', caseId: c.cases[0]!.id, claim: '=HYPERLINK("http://evil.test")', evidence: passage });
    addMatrixEntry(b.doc, ben.id, { id: 'hidden', row: 'r', caseId: c.cases[1]!.id, claim: 'canary-hidden-claim', evidence: passage });
    await eventually('projected', async () => (await entriesOf(c.room)).length === 2, 2000);
    setLinkHidden(t.doc, { authorId: ben.id, linkId: 'hidden', hidden: true, reason: 'off topic', by: c.instructor.id });
    await eventually('hidden projected', async () => (await entriesOf(c.room)).some((r) => r.hidden), 2000);

    const url = (format: string) => `/c/${c.course.id}/compare/export?format=${format}`;
    const anaCsv = await h.as(ana).get(url('csv'));
    expect(anaCsv.headers.get('content-type')).toContain('text/csv');
    const anaText = await anaCsv.text();
    expect(anaText).toContain(`Charges brought,"${c.cases[0]!.title}","'=HYPERLINK(""http://evil.test"")",Purge memo ¶ 2,Khrushchev refused to resign`);
    expect(anaText).not.toContain('canary-hidden-claim');
    expect(await (await h.as(ben).get(url('csv'))).text()).toContain('canary-hidden-claim');
    const teacherMd = await (await h.as(c.instructor).get(url('md'))).text();
    expect(teacherMd).toContain('- **canary-hidden-claim** “Khrushchev refused to resign” (Purge memo ¶ 2). Ben (hidden)');
    expect((await h.as(ana).get(url('pdf'))).status).toBe(400);
    // The Compare page brings the matrix with it (its first paint): the same rule.
    const page = async (member: typeof ana) => (await (await h.as(member).get(`/c/${c.course.id}/compare`)).text()).replaceAll('<!-- -->', '');
    expect(await page(ana)).not.toContain('canary-hidden-claim');
    expect(await page(ben)).toContain('canary-hidden-claim');
    expect(await page(c.instructor)).toContain('canary-hidden-claim');
    expect(await page(ana)).toContain('Charges brought');
    const outsider = (await createSeminar(['Zoe'])).students[0]!;
    expect([403, 404]).toContain((await h.as(outsider).get(url('csv'))).status);
  });

  it('takes rows students propose only once instructors open it, at most 20 each; an instructor accepts one as a row or rejects it with a reason', async () => {
    const c = await comparison();
    const { ana, t, a, b } = await inTheRoom(c);
    const refusals = refusalsOf(a);
    proposeMatrixRow(a.doc, ana.id, { id: 'p0', title: 'Economic policy', prompt: '' });
    await eventually('refused while closed', () => refusals.length === 1);
    expect(refusals[0]).toMatch(/have not opened the matrix to proposed rows/);
    await synced(a);
    setStudentsMayProposeRows(a.doc, true, ana.id);
    await eventually('a student cannot open it', () => refusals.length === 2);
    await synced(a);

    setStudentsMayProposeRows(t.doc, true, c.instructor.id);
    await eventually('Ana sees it open', () => studentsMayProposeRows(a.doc));
    for (let i = 1; i <= MATRIX_LIMITS.proposalsPerMember; i++) proposeMatrixRow(a.doc, ana.id, { id: `p${i}`, title: `Theme ${i}`, prompt: 'Why?' });
    await eventually('the proposals reach the instructor', () => readRowProposals(t.doc).length === MATRIX_LIMITS.proposalsPerMember);
    await synced(a);
    proposeMatrixRow(a.doc, ana.id, { id: 'one-too-many', title: 'More', prompt: '' });
    await eventually('the 21st is refused', () => refusals.length === 3);
    expect(refusals[2]).toMatch(/at most 20 proposed rows per member/);

    const [first, second] = readRowProposals(t.doc).sort((x, y) => x.id.localeCompare(y.id));
    expect(acceptRowProposal(t.doc, first!, c.instructor.id)).toBeNull();
    t.doc.getMap(MOD_BRANCH).set(`${ana.id}:${second!.id}`, { hidden: true, reason: 'Too close to row 1', by: c.instructor.id, at: Date.now() });
    await eventually('Ben sees the new row, from Ana’s proposal', () => readMatrixRows(b.doc).some((r) => r.title === first!.title && r.from?.authorId === ana.id && r.from.id === first!.id));
    await eventually('projected', async () => (await rowsOf(c.room)).some((r) => r.title === first!.title), 2000);
  });
});
