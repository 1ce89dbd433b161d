import { describe, expect, it } from 'vitest';
import { describePassage } from '~/lib/anchoring/selectors';
import { addNote, deleteNote, setHidden, type NoteEntry } from '~/lib/notes/model';
import { addLink, linkEntry, setLinkHidden, type LinkEnd } from '~/lib/compare/links';
import { addMatrixEntry, addMatrixRow, updateMatrixRow, type Evidence } from '~/lib/compare/matrix';
import { toLocalInput } from '~/lib/time-zone';
import { importDocument } from '~/lib/sources/import.server';
import { sql } from '../../db/sql';
import { appHarness } from '../helpers/app-harness';
import { createMember, createSeminar, type TestMember } from '../helpers/fixtures';
import { eventually } from '../helpers/sync-clients';

const h = appHarness({ REMINDER_INTERVAL_MS: '200' });
const { as, join } = h;

const TEXT = 'Today, 22 September, a meeting was held.\n\nCde. Kim Il Sung passed us the draft.\n';
/** A page's HTML without the comments React puts between adjacent pieces of text. */
const pageText = async (res: Response) => (await res.text()).replaceAll('<!-- -->', '');
const hours = (n: number) => new Date(Date.now() + n * 3_600_000);

/** The form an instructor would send, in UTC, with any field overridden. */
function form(documentId: string, overrides: Record<string, string> = {}) {
  const fields = new FormData();
  const values: Record<string, string> = {
    intent: 'publish', title: 'Who moved first?', prompt: 'Read the cable. **Who** moved first, and why?', kind: 'reading',
    opensAt: toLocalInput(hours(-1), 'UTC'), dueAt: toLocalInput(hours(48), 'UTC'), timeZone: 'UTC',
    minNotes: '2', minReplies: '1', responseRequired: 'on', minWords: '5', documentId, [`focus-${documentId}`]: '2',
    ...overrides,
  };
  for (const [k, v] of Object.entries(values)) if (v !== '') fields.append(k, v);
  return fields;
}

async function seminarWithAssignment(overrides: Record<string, string> = {}) {
  const seminar = await createSeminar(['Ana', 'Ben']);
  const res = await as(seminar.instructor).post(`/c/${seminar.course.id}/assignments/new`, form(seminar.documentId, overrides));
  expect(res.status).toBe(302);
  const assignmentId = res.headers.get('location')!.split('/').pop()!;
  return { ...seminar, assignmentId, base: `/c/${seminar.course.id}/assignments/${assignmentId}` };
}

const note = (id: string, extra: Partial<NoteEntry> = {}): NoteEntry => ({
  id, kind: 'note', parentId: null, parentAuthorId: null, body: `Note ${id}`, tags: [], selectors: describePassage(TEXT, 7, 19),
  documentVersion: 1, createdAt: Date.now(), updatedAt: Date.now(), deleted: false, ...extra,
});

async function progressOf(member: TestMember, base: string) {
  const html = await pageText(await as(member).get(base));
  const count = (label: string) => Number(new RegExp(`data-requirement="${label}">[^<]*<strong[^>]*>(\\d+) of`).exec(html)?.[1] ?? NaN);
  return { notes: count('Notes on these sources'), replies: count('Replies to classmates’ notes'), html };
}

describe('creating and publishing', () => {
  it('keeps drafts from students, publishes with a notification to each student, and shows later edits as changes', async () => {
    const s = await seminarWithAssignment({ intent: 'save' });
    const [ana] = s.students;
    expect((await as(ana!).get(s.base)).status).toBe(404);
    expect(await pageText(await as(ana!).get(`/c/${s.course.id}/assignments`))).not.toContain('Who moved first?');
    expect(await pageText(await as(s.instructor).get(`/c/${s.course.id}/assignments`))).toContain('Draft');

    const published = await as(s.instructor).post(s.base, { intent: 'publish' });
    expect(published.status).toBe(200);
    expect(await pageText(published)).toContain('Published: students can see it now.');
    const undeletable = await as(s.instructor).post(s.base, { intent: 'delete' });
    expect(undeletable.status).toBe(409);
    expect(await pageText(undeletable)).toContain('A published assignment cannot be deleted');
    const page = await pageText(await as(ana!).get(s.base));
    expect(page).toContain('<strong>Who</strong> moved first');
    expect(page).toContain(`?assignment=${s.assignmentId}#b2`);
    // Opening the page changes nothing; the page then says, with a POST, which revision it showed.
    expect(await sql`SELECT 1 FROM submissions WHERE user_id = ${ana!.id}`).toHaveLength(0);
    expect((await as(ana!).post(`${s.base}/seen`, { revision: '1' })).status).toBe(200);
    const [n] = await sql`SELECT title, link, read_at FROM notifications WHERE user_id = ${ana!.id} AND kind = 'assignment'`;
    expect(n).toMatchObject({ title: 'New assignment: Who moved first?', link: s.base, read_at: null });
    const home = await pageText(await as(ana!).get(`/c/${s.course.id}`));
    expect(home).toMatch(/Due next[\s\S]*Who moved first\?[\s\S]*Not started/);

    const edit = await as(s.instructor).post(`${s.base}/edit`, form(s.documentId, { intent: 'save', title: 'Who moved first, really?' }));
    expect(edit.status).toBe(302);
    expect(await pageText(await as(ana!).get(s.base))).toContain('Your instructor changed this assignment');
    expect(await pageText(await as(ana!).get(`/c/${s.course.id}/assignments`))).toContain('Changed since you opened it');
    // A page cannot claim a revision it never showed: the mark is clamped to the current one.
    expect((await as(ana!).post(`${s.base}/seen`, { revision: '99' })).status).toBe(200);
    expect(await sql`SELECT seen_revision FROM submissions WHERE user_id = ${ana!.id}`).toEqual([{ seen_revision: 2 }]);
    expect(await pageText(await as(ana!).get(s.base))).not.toContain('Your instructor changed this assignment');
  });

  it('warns an instructor about to publish a draft that is already past due', async () => {
    const s = await seminarWithAssignment({ intent: 'save' });
    expect(await pageText(await as(s.instructor).get(s.base))).not.toContain('has passed: published now');
    await sql`UPDATE assignments SET opens_at = now() - interval '3 days', due_at = now() - interval '1 day' WHERE id = ${s.assignmentId}`;
    expect(await pageText(await as(s.instructor).get(s.base))).toContain('has passed: published now, every submission would be late');
  });

  it('deletes a draft, and nothing else', async () => {
    const s = await seminarWithAssignment({ intent: 'save' });
    const res = await as(s.instructor).post(s.base, { intent: 'delete' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/c/${s.course.id}/assignments`);
    expect(await sql`SELECT 1 FROM assignments WHERE id = ${s.assignmentId}`).toHaveLength(0);
    expect((await as(s.instructor).get(s.base)).status).toBe(404);
  });

  it('marks the focus passages in the reader opened from the assignment', async () => {
    const s = await seminarWithAssignment();
    const html = await pageText(await as(s.students[0]!).get(`/c/${s.course.id}/d/${s.documentId}?assignment=${s.assignmentId}`));
    expect(html).toMatch(/id="b2"[^>]*data-focus="true"/);
    expect(html).not.toMatch(/id="b1"[^>]*data-focus/);
    expect(html).toContain('focus passages ¶ 2');
  });

  it('shades the paragraphs by the class’s notes for instructors only', async () => {
    const s = await seminarWithAssignment();
    const [ana, ben] = s.students;
    const a = join(ana!, `doc:${s.course.id}:${s.documentId}`);
    const b = join(ben!, `doc:${s.course.id}:${s.documentId}`);
    await eventually('synced', () => a.sync.provider.synced && b.sync.provider.synced);
    addNote(a.doc, ana!.id, note('n1', { selectors: describePassage(TEXT, 47, 60) })); // ¶ 2
    addNote(b.doc, ben!.id, note('n2', { selectors: describePassage(TEXT, 50, 70) })); // ¶ 2
    addNote(b.doc, ben!.id, note('n3')); // ¶ 1
    await eventually('projected', async () => (await sql`SELECT 1 FROM notes WHERE course_id = ${s.course.id}`).length === 3);
    const path = `/c/${s.course.id}/d/${s.documentId}?assignment=${s.assignmentId}&heat`;
    const html = await pageText(await as(s.instructor).get(path));
    expect(html).toMatch(/id="b1"[^>]*data-heat="3"/);
    expect(html).toMatch(/id="b2"[^>]*data-heat="5"/);
    expect(html).toContain('Paragraph 2, a focus passage of the assignment, 2 notes, link');
    expect(await pageText(await as(ana!).get(path))).not.toContain('data-heat');
  });

  it('answers each bad field with its own error and stores nothing', async () => {
    const { course, instructor, documentId } = await createSeminar(['Ana']);
    const cases: [Record<string, string>, string, string][] = [
      [{ dueAt: toLocalInput(hours(-2), 'UTC') }, 'dueAt', 'The due time must be after the opening time'],
      [{ prompt: '   ' }, 'prompt', 'Prompt is required'],
      [{ minNotes: '51' }, 'minNotes', 'Minimum notes is at most 50'],
      [{ minReplies: '-1' }, 'minReplies', 'Minimum replies cannot be negative'],
      [{ minNotes: '0', minReplies: '0', responseRequired: '', minWords: '' }, 'minNotes', 'Ask for at least one note, one reply, one link, one matrix entry or a written response'],
      [{ [`focus-${documentId}`]: '99' }, `focus-${documentId}`, 'is not in this source'],
      [{ documentId: '' }, 'documentId', 'Choose at least one source'],
      [{ opensAt: '2026-02-31T09:00' }, 'opensAt', 'Give the opening as a date and time'],
    ];
    for (const [overrides, field, message] of cases) {
      const res = await as(instructor).post(`/c/${course.id}/assignments/new`, form(documentId, overrides));
      expect(res.status, field).toBe(400);
      expect(await pageText(res)).toContain(message);
    }
    const [{ n }] = (await sql`SELECT count(*)::int AS n FROM assignments WHERE course_id = ${course.id}`) as unknown as [{ n: number }];
    expect(n).toBe(0);
  });
});

describe('who may do what', () => {
  it('refuses students the instructor’s pages and actions, and shows non-members nothing', async () => {
    const s = await seminarWithAssignment();
    const [ana, ben] = s.students;
    const outsider = await createMember('Outsider');
    for (const path of [`/c/${s.course.id}/assignments/new`, `${s.base}/edit`, `${s.base}/dashboard`, `${s.base}/export`, `${s.base}/work/${ben!.id}`]) {
      expect((await as(ana!).get(path)).status, path).toBe(403);
      expect((await as(outsider).get(path)).status, path).toBe(404);
    }
    expect((await as(ana!).post(`/c/${s.course.id}/assignments/new`, form(s.documentId))).status).toBe(403);
    expect((await as(ana!).post(s.base, { intent: 'delete' })).status).toBe(403);
    expect((await as(outsider).get(s.base)).status).toBe(404);
    expect((await as(outsider).post(`${s.base}/response`, { intent: 'save', response: 'hello' })).status).toBe(404);
    expect((await as(s.instructor).post(`${s.base}/response`, { intent: 'save', response: 'x' })).status).toBe(403);
    // Another student's saved response appears nowhere a student can reach.
    expect((await as(ben!).post(`${s.base}/response`, { intent: 'save', response: 'BEN-SECRET draft words' })).status).toBe(200);
    for (const path of [s.base, `/c/${s.course.id}/assignments`]) expect(await pageText(await as(ana!).get(path))).not.toContain('BEN-SECRET');
  });
});

describe('progress from the notes projection', () => {
  it('counts class notes and replies to classmates, not private, hidden, deleted or self-replies', async () => {
    const s = await seminarWithAssignment();
    const [ana, ben] = s.students;
    const classRoom = `doc:${s.course.id}:${s.documentId}`;
    const a = join(ana!, classRoom);
    const b = join(ben!, classRoom);
    const mod = join(s.instructor, classRoom);
    const mine = join(ana!, `private:${s.course.id}:${s.documentId}:${ana!.id}`);
    await eventually('synced', () => [a, b, mod, mine].every((c) => c.sync.provider.synced));

    addNote(a.doc, ana!.id, note('n1'));
    addNote(a.doc, ana!.id, note('n2'));
    addNote(a.doc, ana!.id, note('n3'));
    addNote(a.doc, ana!.id, note('self', { kind: 'reply', parentId: 'n1', parentAuthorId: ana!.id, selectors: null }));
    addNote(mine.doc, ana!.id, note('p1'));
    addNote(b.doc, ben!.id, note('b1'));
    await eventually('projected', async () => (await progressOf(ana!, s.base)).notes === 3);
    expect((await progressOf(ana!, s.base)).replies).toBe(0);

    addNote(a.doc, ana!.id, note('r1', { kind: 'reply', parentId: 'b1', parentAuthorId: ben!.id, selectors: null }));
    deleteNote(a.doc, ana!.id, 'n2');
    await eventually('reply counted, deleted note not', async () => {
      const p = await progressOf(ana!, s.base);
      return p.notes === 2 && p.replies === 1;
    });
    setHidden(mod.doc, { authorId: ana!.id, noteId: 'n3', hidden: true, reason: 'off topic', by: s.instructor.id });
    await eventually('hidden note not counted', async () => (await progressOf(ana!, s.base)).notes === 1);

    // Ben was told about Ana's reply, once, with a link to his note.
    const notes = await sql`SELECT kind, actor_id, link FROM notifications WHERE user_id = ${ben!.id} AND kind = 'reply'`;
    expect(notes).toEqual([{ kind: 'reply', actor_id: ana!.id, link: `/c/${s.course.id}/d/${s.documentId}?note=${encodeURIComponent(`${ben!.id}:b1`)}` }]);
    expect(await sql`SELECT 1 FROM notifications WHERE user_id = ${ana!.id} AND kind = 'reply'`).toHaveLength(0);
  });

  it('a compare assignment counts only notes that join two cases, not a case tag', async () => {
    const s = await seminarWithAssignment({ kind: 'compare', minNotes: '1', minReplies: '0', responseRequired: '', minWords: '' });
    const { documentId: sovietDoc } = await importDocument({
      meta: { slug: `soviet-${s.course.id}`, title: 'Purge memo', kind: 'primary', genre: '', date: null, origin: '', textNote: '' },
      text: 'Malenkov, Kaganovich and Molotov.\n', createdBy: s.instructor.id, courseId: s.course.id, caseId: s.cases[0]!.id,
    });
    const [ana] = s.students;
    const a = join(ana!, `doc:${s.course.id}:${s.documentId}`);
    await eventually('synced', () => a.sync.provider.synced);
    addNote(a.doc, ana!.id, note('plain'));
    addNote(a.doc, ana!.id, note('linked', { body: `Compare [the purge memo](/c/${s.course.id}/d/${sovietDoc})` }));
    addNote(a.doc, ana!.id, note('tagged', { tags: ['soviet-1957', 'Moscow, June 1957'] }));
    await eventually('all three projected', async () => (await sql`SELECT 1 FROM notes WHERE author_id = ${ana!.id}`).length === 3);
    expect((await progressOf(ana!, s.base)).html).toMatch(/Notes citing both cases[^<]*<strong[^>]*>1 of 1/);
  });
});

describe('compare assignments and evidence links', () => {
  it('count the links a student makes that join two cases: not one within a case, an Only me one, or a hidden one', async () => {
    const s = await seminarWithAssignment({ kind: 'compare', minNotes: '0', minReplies: '0', minLinks: '1', responseRequired: '', minWords: '' });
    const add = async (slug: string, caseId: string) =>
      (await importDocument({ meta: { slug: `${slug}-${s.course.id}`, title: slug, kind: 'primary', genre: '', date: null, origin: '', textNote: '' }, text: 'The Presidium met on 18 June.\n', createdBy: s.instructor.id, courseId: s.course.id, caseId })).documentId;
    // The cable (the assignment's source) is of Pyongyang; one more Pyongyang source, and a Moscow one.
    const [pyongyang, moscow] = [await add('diary', s.cases[1]!.id), await add('memo', s.cases[0]!.id)];
    const [ana] = s.students;
    const end = (source: string, text: string, phrase: string): LinkEnd => {
      const d = describePassage(text, text.indexOf(phrase), text.indexOf(phrase) + phrase.length);
      return { source, version: 1, selector: [d.position, d.quote] };
    };
    const cable = end(s.documentId, TEXT, 'a meeting was held');
    const room = join(ana!, `compare:${s.course.id}`);
    const own = join(ana!, `mylinks:${s.course.id}:${ana!.id}`);
    await eventually('synced', () => room.sync.provider.synced && own.sync.provider.synced);
    addLink(room.doc, ana!.id, linkEntry({ id: 'same', relation: 'parallels', comment: '', ends: [cable, end(pyongyang, 'The Presidium met on 18 June.\n', 'The Presidium met')] }));
    addLink(own.doc, ana!.id, linkEntry({ id: 'mine', relation: 'parallels', comment: '', ends: [cable, end(moscow, 'The Presidium met on 18 June.\n', 'The Presidium met')] }));
    await eventually('projected', async () => (await sql`SELECT 1 FROM evidence_links WHERE author_id = ${ana!.id}`).length === 2, 3000);
    const counted = async () => Number(/data-requirement="Evidence links joining two cases">[^<]*<strong[^>]*>(\d+) of 1/.exec((await progressOf(ana!, s.base)).html)?.[1]);
    expect(await counted()).toBe(0);

    addLink(room.doc, ana!.id, linkEntry({ id: 'across', relation: 'contrasts with', comment: '', ends: [cable, end(moscow, 'The Presidium met on 18 June.\n', 'Presidium')] }));
    await eventually('the link across the cases counts', async () => (await counted()) === 1, 3000);
    const dashboard = await pageText(await as(s.instructor).get(`${s.base}/dashboard`));
    expect(dashboard).toContain('Links (of 1)');
    const csv = (await (await as(s.instructor).get(`${s.base}/export`)).text()).trim().split('\n');
    expect(csv.find((l) => l.startsWith('Ana,'))).toMatch(/^Ana,[^,]+,Complete,0,0,0,0,1,1,/);
    const work = await pageText(await as(s.instructor).get(`${s.base}/work/${ana!.id}`));
    expect(work).toContain('Evidence links joining two cases (1)');
    expect(work).toContain('↔ contrasts with · Cable ¶ 1 and memo ¶ 1');
    expect(work).toContain(`/c/${s.course.id}/compare?left=${s.documentId}&amp;right=${moscow}#left-b1,right-b1`);

    // Hidden by the instructor, it no longer counts.
    const t = join(s.instructor, `compare:${s.course.id}`);
    await eventually('synced', () => t.sync.provider.synced);
    setLinkHidden(t.doc, { authorId: ana!.id, linkId: 'across', hidden: true, reason: 'no', by: s.instructor.id });
    await eventually('a hidden link does not count', async () => (await counted()) === 0, 3000);
  });

  it('count a student’s matrix entries citing its sources, met once they are in two cases’ columns; not a hidden one or one in a deleted row', async () => {
    const s = await seminarWithAssignment({ kind: 'compare', minNotes: '0', minReplies: '0', minMatrixEntries: '2', responseRequired: '', minWords: '' });
    const [ana] = s.students;
    const [moscow, pyongyang] = s.cases as [(typeof s.cases)[0], (typeof s.cases)[0]];
    const d = describePassage(TEXT, TEXT.indexOf('a meeting was held'), TEXT.indexOf('a meeting was held') + 'a meeting was held'.length);
    const passage: Evidence = { kind: 'passage', target: [{ source: s.documentId, version: 1, selector: [d.position, d.quote] }] };
    const t = join(s.instructor, `compare:${s.course.id}`);
    const room = join(ana!, `compare:${s.course.id}`);
    await eventually('synced', () => t.sync.provider.synced && room.sync.provider.synced);
    addMatrixRow(t.doc, { id: 'who', title: 'Who moved', prompt: '', by: s.instructor.id });
    addMatrixRow(t.doc, { id: 'arena', title: 'The arena', prompt: '', by: s.instructor.id });
    await eventually('rows reach Ana', () => room.doc.getMap('matrix').size === 2);
    const page = async () => (await progressOf(ana!, s.base)).html;
    const counted = async () => /data-requirement="Matrix entries, in both cases’ columns">[^<]*<strong[^>]*>(\d+) of 2<\/strong>(.*?)<\/li>/.exec(await page());

    addMatrixEntry(room.doc, ana!.id, { id: 'e1', row: 'who', caseId: pyongyang.id, claim: 'Kim’s critics met first.', evidence: passage });
    addMatrixEntry(room.doc, ana!.id, { id: 'e2', row: 'arena', caseId: pyongyang.id, claim: 'At a meeting, not a plenum.', evidence: passage });
    await eventually('two entries count', async () => (await counted())?.[1] === '2', 3000);
    // Two entries, one column: not yet met, and the page says what is missing.
    expect((await counted())![2]).toContain('add one in another case’s column');
    expect((await counted())![2]).not.toContain('✓');

    addMatrixEntry(room.doc, ana!.id, { id: 'e3', row: 'who', caseId: moscow.id, claim: 'The same words, the other case.', evidence: passage });
    await eventually('met with a second column', async () => (await counted())?.[2]?.includes('✓') === true, 3000);
    const dashboard = await pageText(await as(s.instructor).get(`${s.base}/dashboard`));
    expect(dashboard).toContain('Matrix entries (of 2)');
    const csv = (await (await as(s.instructor).get(`${s.base}/export`)).text()).trim().split('\n');
    expect(csv[0]).toContain('Links required,Matrix entries,Matrix entries required,Words');
    expect(csv.find((l) => l.startsWith('Ana,'))).toMatch(/^Ana,[^,]+,Complete,0,0,0,0,0,0,3,2,/);
    const work = await pageText(await as(s.instructor).get(`${s.base}/work/${ana!.id}`));
    expect(work).toContain('Matrix entries (3)');
    expect(work).toContain(`▦ Who moved · ${moscow.title}: Cable ¶ 1`);

    // Hidden by the instructor, or in a row the instructor deleted, an entry no longer counts.
    t.doc.getMap('mod').set(`${ana!.id}:e3`, { hidden: true, reason: 'no', by: s.instructor.id, at: Date.now() });
    updateMatrixRow(t.doc, 'arena', { deleted: true });
    await eventually('only e1 counts', async () => (await counted())?.[1] === '1', 3000);
  });
});

describe('responses', () => {
  it('autosaves, refuses a response below the minimum, accepts a late submission and marks it late', async () => {
    const s = await seminarWithAssignment({ minWords: '5' });
    const ana = as(s.students[0]!);
    const respond = (fields: Record<string, string>) => ana.post(`${s.base}/response`, fields);
    const saved = await respond({ intent: 'save', response: 'Kim moved' });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ savedAt: expect.stringMatching(/^\d{4}-/) });
    const [row] = await sql`SELECT response, submitted_at FROM submissions WHERE assignment_id = ${s.assignmentId} AND user_id = ${s.students[0]!.id}`;
    expect(row).toMatchObject({ response: 'Kim moved', submitted_at: null });

    const short = await respond({ intent: 'submit', response: 'Kim moved first.' });
    expect(short.status).toBe(400);
    expect(await short.json()).toEqual({ fieldErrors: { response: 'The response has 3 words; this assignment asks for at least 5.' } });
    const huge = await respond({ intent: 'save', response: 'x'.repeat(100_001) });
    expect(huge.status).toBe(413);
    expect((await respond({ intent: 'grade', response: 'A+' })).status).toBe(400);

    await sql`UPDATE assignments SET opens_at = now() - interval '3 days', due_at = now() - interval '1 day' WHERE id = ${s.assignmentId}`;
    const late = await respond({ intent: 'submit', response: 'Kim Il Sung moved first, in August.' });
    expect(late.status).toBe(200);
    expect(await late.json()).toMatchObject({ late: true });
    expect(await pageText(await ana.get(s.base))).toContain('after the due time, marked late');
    // Submitted is final.
    expect((await respond({ intent: 'save', response: 'changed my mind' })).status).toBe(409);
  });
});

describe('dashboard and CSV', () => {
  it('shows every student’s numbers and exports them, with spreadsheet formulas defused', async () => {
    const s = await seminarWithAssignment({ minNotes: '1', minReplies: '0', minWords: '2' });
    const [ana, ben] = s.students;
    await sql`UPDATE users SET display_name = '=HYPERLINK("x")' WHERE id = ${ben!.id}`;
    const a = join(ana!, `doc:${s.course.id}:${s.documentId}`);
    await eventually('synced', () => a.sync.provider.synced);
    addNote(a.doc, ana!.id, note('n1'));
    expect((await as(ana!).post(`${s.base}/response`, { intent: 'submit', response: 'Two words' })).status).toBe(200);
    await eventually('projected', async () => (await sql`SELECT 1 FROM notes WHERE author_id = ${ana!.id}`).length === 1);

    const dashboard = await pageText(await as(s.instructor).get(`${s.base}/dashboard`));
    expect(dashboard).toContain('1 of 2 students complete');
    expect(dashboard).toContain(`${s.base}/work/${ana!.id}#notes`);
    const res = await as(s.instructor).get(`${s.base}/export`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('who-moved-first-progress.csv');
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('Student,Email,Status,Notes,Notes required,Replies,Replies required,Links joining two cases,Links required,Matrix entries,Matrix entries required,Words,Words required,Submitted at (UTC),Late');
    const anaLine = lines.find((l) => l.startsWith('Ana,'))!;
    expect(anaLine).toMatch(/^Ana,[^,]+,Complete,1,1,0,0,0,0,0,0,2,2,\d{4}-\d\d-\d\dT[\d:.]+Z,no$/);
    expect(lines.find((l) => l.includes('HYPERLINK'))).toMatch(/^"'=HYPERLINK\(""x""\)",[^,]+,Not started,0,1,0,0,0,0,0,0,0,2,,no$/);

    const work = await pageText(await as(s.instructor).get(`${s.base}/work/${ana!.id}`));
    expect(work).toContain('Notes that count (1)');
    expect(work).toContain('Two words');
    expect(work).toContain('Reopen submission');
  });

  it('an instructor can reopen a submission, and the student is told and can submit again; nobody else can', async () => {
    const s = await seminarWithAssignment({ minWords: '2' });
    const [ana, ben] = s.students;
    expect((await as(ana!).post(`${s.base}/response`, { intent: 'submit', response: 'First try' })).status).toBe(200);
    expect((await as(ana!).post(`${s.base}/response`, { intent: 'save', response: 'changed' })).status).toBe(409);
    // Not a student: not Ana herself, not a classmate.
    for (const who of [ana!, ben!]) expect((await as(who).post(`${s.base}/work/${ana!.id}`, { intent: 'reopen' })).status).toBe(403);
    expect((await as(s.instructor).post(`${s.base}/work/${ben!.id}`, { intent: 'reopen' })).status).toBe(409); // nothing submitted
    expect((await as(s.instructor).post(`${s.base}/work/${ana!.id}`, { intent: 'reopen' })).status).toBe(200);
    const [row] = await sql`SELECT submitted_at FROM submissions WHERE assignment_id = ${s.assignmentId} AND user_id = ${ana!.id}`;
    expect(row!.submitted_at).toBeNull();
    const [told] = await sql`SELECT title, link FROM notifications WHERE user_id = ${ana!.id} AND kind = 'assignment' AND title LIKE '%reopened%'`;
    expect(told!.link).toBe(`/c/${s.course.id}/assignments/${s.assignmentId}`);
    expect((await as(ana!).post(`${s.base}/response`, { intent: 'save', response: 'Second try, better' })).status).toBe(200);
    expect((await as(ana!).post(`${s.base}/response`, { intent: 'submit', response: 'Second try, better' })).status).toBe(200);
  });
});

describe('notifications', () => {
  it('reminds a student of an assignment due within a day, once, and keeps read state per member', async () => {
    const s = await seminarWithAssignment({ dueAt: toLocalInput(hours(5), 'UTC') });
    const [ana, ben] = s.students;
    const bell = async (m: TestMember) => (await pageText(await as(m).get(`/c/${s.course.id}/notifications`)));
    // The server reminds on its own (no page needs to be read for it), and only once however often it runs.
    await eventually('reminded', async () => (await sql`SELECT 1 FROM notifications WHERE user_id = ${ana!.id} AND kind = 'due-soon'`).length === 1, 3000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await bell(ana!)).toContain('Due within 24 hours: Who moved first?');
    const rows = await sql<{ id: string; kind: string }[]>`SELECT id, kind FROM notifications WHERE user_id = ${ana!.id} ORDER BY kind`;
    expect(rows.map((r) => r.kind)).toEqual(['assignment', 'due-soon']);

    expect((await as(ana!).post(`/c/${s.course.id}/notifications`, { id: rows[0]!.id })).status).toBe(200);
    expect((await as(ben!).post(`/c/${s.course.id}/notifications`, { id: rows[1]!.id })).status).toBe(200); // not Ben's: nothing happens
    const read = await sql`SELECT kind, read_at IS NOT NULL AS read FROM notifications WHERE user_id = ${ana!.id} ORDER BY kind`;
    expect(read).toEqual([{ kind: 'assignment', read: true }, { kind: 'due-soon', read: false }]);
    await as(ana!).post(`/c/${s.course.id}/notifications`, {});
    expect(await sql`SELECT 1 FROM notifications WHERE user_id = ${ana!.id} AND read_at IS NULL`).toHaveLength(0);
    expect(await sql`SELECT 1 FROM notifications WHERE user_id = ${ben!.id} AND read_at IS NULL`).toHaveLength(2);
  });
});
