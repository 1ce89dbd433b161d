import { describe, expect, it } from 'vitest';
import { readNotes } from '~/lib/notes/model';
import { sql } from '../../db/sql';
import { appHarness } from '../helpers/app-harness';
import { createMember, createSeminar, type TestMember } from '../helpers/fixtures';
import { allSynced, eventually } from '../helpers/sync-clients';

// Small limits, so that the refusals can be reached with small files.
const h = appHarness({ MAX_IMPORT_BYTES: String(200 * 1024), MAX_IMPORT_ANNOTATIONS: '50' });

/** The seminar's source ("Cable") is: "Today, 22 September, a meeting was held.\n\nCde. Kim Il Sung passed us the draft.\n" */
const hypothesisExport = {
  export_date: '2026-11-30T12:00:00.000Z',
  export_userid: 'acct:ana@hypothes.is',
  client_version: '1.1500.0',
  annotations: [
    {
      id: 'h-exact',
      created: '2024-03-05T10:00:00.000000+00:00',
      user: 'acct:ana@hypothes.is',
      user_info: { display_name: 'Ana Hypothesis' },
      text: 'The meeting is dated.',
      tags: ['date', 'date', ' meeting '],
      target: [{ source: 'https://archive.example/cable', selector: [{ type: 'RangeSelector', startContainer: '/p[1]' }, { type: 'TextPositionSelector', start: 900, end: 918 }, { type: 'TextQuoteSelector', exact: 'a meeting was held', prefix: 'Today, 22 September, ', suffix: '.\n\nCde.' }] }],
    },
    {
      id: 'h-fuzzy',
      created: '2024-03-06T10:00:00+00:00',
      user: 'acct:ben@hypothes.is',
      text: 'Who drafted it?',
      target: [{ source: 'https://archive.example/cable', selector: [{ type: 'TextQuoteSelector', exact: 'Kim Il Sung passsed us the draft', prefix: 'Cde. ', suffix: '.' }] }],
    },
    {
      id: 'h-orphan',
      created: '2024-03-07T10:00:00+00:00',
      user: 'acct:ana@hypothes.is',
      text: 'This sentence is not in the cable we have.',
      target: [{ source: 'https://archive.example/cable', selector: [{ type: 'TextQuoteSelector', exact: 'Molotov objected strongly to all of it', prefix: '', suffix: '' }] }],
    },
    { id: 'h-page', user: 'acct:ana@hypothes.is', text: 'A general remark on the cable.', target: [{ source: 'https://archive.example/cable' }] },
    { id: 'h-reply', created: '2024-03-08T10:00:00+00:00', user: 'acct:ben@hypothes.is', text: 'I agree about the date.', references: ['h-exact'], target: [{ source: 'https://archive.example/cable' }] },
    { id: 'h-lost-reply', user: 'acct:ben@hypothes.is', text: 'Answering something not exported.', references: ['h-elsewhere'], target: [{ source: 'https://archive.example/cable' }] },
  ],
};

function fileForm(content: string, name: string, visibility: string) {
  const form = new FormData();
  form.append('file', new File([content], name, { type: 'application/json' }));
  form.append('visibility', visibility);
  return form;
}

const importInto = (who: TestMember, courseId: string, documentId: string, content: string, visibility = 'class', name = 'annotations.json') =>
  h.as(who).post(`/c/${courseId}/d/${documentId}/import`, fileForm(content, name, visibility));

const pageText = async (response: Response) => (await response.text()).replaceAll('<!-- -->', '');
const storedUpdates = async (room: string) => Number((await sql<{ n: string }[]>`SELECT count(*) AS n FROM yjs_updates WHERE room = ${room}`)[0]!.n);

describe('importing annotations', () => {
  it('places a Hypothesis export on the source (exact, fuzzy, orphan, page note, reply), live for the class and in the projection, and a second import adds nothing', async () => {
    const { course, documentId, students: [ana, ben] } = await createSeminar(['Ana', 'Ben']);
    const room = `doc:${course.id}:${documentId}`;
    const watching = h.join(ben!, room);
    await allSynced(watching);

    const response = await importInto(ana!, course.id, documentId, JSON.stringify(hypothesisExport));
    expect(response.status).toBe(200);
    const page = await pageText(response);
    expect(page).toContain('4 notes and 1 reply imported from annotations.json');
    expect(page).toContain('Read as Hypothesis');
    expect(page).toContain('1 note whose passage is not in this version');
    expect(page).toContain('1 reply left out: the note they answer is not in the file');

    // Ben, already reading, receives Ana's imported notes without reconnecting.
    await eventually('Ben sees the imported notes', () => readNotes(watching.doc).filter((n) => n.authorId === ana!.id).length === 5);
    const notes = readNotes(watching.doc).filter((n) => n.authorId === ana!.id);
    const byBody = (body: string) => notes.find((n) => n.body === body)!;
    const exact = byBody('The meeting is dated.');
    expect(exact.selectors?.quote.exact).toBe('a meeting was held');
    expect(exact.selectors?.position).toMatchObject({ start: 21, end: 39 });
    expect(exact.tags).toEqual(['date', 'meeting']);
    expect(exact.imported).toEqual({ author: 'Ana Hypothesis', createdAt: Date.parse('2024-03-05T10:00:00Z'), format: 'Hypothesis' });
    // Placed on what the text says, not on the file's misspelt quote.
    const fuzzy = byBody('Who drafted it?');
    expect(fuzzy.selectors?.quote.exact).toMatch(/^Kim Il Sung passed us the draft/);
    expect(fuzzy.imported?.author).toBe('ben');
    // Kept with its quote, for the margin's list of passages not found.
    expect(byBody('This sentence is not in the cable we have.').selectors?.quote.exact).toBe('Molotov objected strongly to all of it');
    expect(byBody('A general remark on the cable.').selectors).toBeNull();
    const reply = byBody('I agree about the date.');
    expect(reply).toMatchObject({ kind: 'reply', parentId: exact.id, parentAuthorId: ana!.id });

    // The projection (search, export, the dashboard) has them too.
    await eventually('projected', async () => (await sql`SELECT 1 FROM notes WHERE room = ${room} AND author_id = ${ana!.id}`).length === 5);
    const [projected] = await sql<{ quote: string; visibility: string }[]>`SELECT quote, visibility FROM notes WHERE room = ${room} AND id = ${exact.id}`;
    expect(projected).toEqual({ quote: 'a meeting was held', visibility: 'class' });

    // The same file again: nothing is added, and the page says so.
    const before = await storedUpdates(room);
    const again = await importInto(ana!, course.id, documentId, JSON.stringify(hypothesisExport));
    expect(again.status).toBe(200);
    const againPage = await pageText(again);
    expect(againPage).toContain('Nothing new in annotations.json');
    expect(againPage).toContain('5 annotations already imported before');
    expect(await storedUpdates(room)).toBe(before);
  });

  it('round-trips Plenum’s own JSON-LD export into a fresh course: the same notes, quotes, anchors and replies', async () => {
    const first = await createSeminar(['Ana']);
    const [ana] = first.students;
    await importInto(ana!, first.course.id, first.documentId, JSON.stringify(hypothesisExport), 'private');
    const privateRoom = `private:${first.course.id}:${first.documentId}:${ana!.id}`;
    await eventually('projected', async () => (await sql`SELECT 1 FROM notes WHERE room = ${privateRoom}`).length === 5);
    const exported = await h.as(ana!).get(`/c/${first.course.id}/export/download?format=jsonld&scope=mine&source=${first.documentId}`);
    expect(exported.status).toBe(200);
    const file = await exported.text();

    const second = await createSeminar(['Cleo']);
    const [cleo] = second.students;
    const response = await importInto(cleo!, second.course.id, second.documentId, file, 'private', 'plenum.jsonld');
    const page = await pageText(response);
    expect(page).toContain('4 notes and 1 reply imported from plenum.jsonld');
    expect(page).toContain('Read as W3C Web Annotation');
    const shape = async (room: string, author: string) =>
      (await sql<{ kind: string; body: string; quote: string | null; selectors: { position: { start: number; end: number } } | null; parent: string | null }[]>`
        SELECT n.kind, n.body, n.quote, n.selectors, p.body AS parent FROM notes n LEFT JOIN notes p ON p.room = n.room AND p.id = n.parent_id
        WHERE n.room = ${room} AND n.author_id = ${author} ORDER BY n.body`).map((n) => ({ ...n, position: n.selectors?.position ?? null, selectors: undefined }));
    const secondRoom = `private:${second.course.id}:${second.documentId}:${cleo!.id}`;
    // Nobody has the room open: its projection was written (on the import's worker) before the import answered.
    expect(await shape(secondRoom, cleo!.id)).toEqual(await shape(privateRoom, ana!.id));
    expect(h.app.output.filter((line) => line.includes('projecting an import on its worker failed'))).toEqual([]);
  });

  it('refuses what it cannot import with a reason, and changes nothing', async () => {
    const { course, documentId, students: [ana], instructor } = await createSeminar(['Ana']);
    const room = `doc:${course.id}:${documentId}`;
    const before = await storedUpdates(room);
    const refusal = async (content: string, visibility = 'class') => {
      const response = await importInto(ana!, course.id, documentId, content, visibility);
      return { status: response.status, page: await pageText(response) };
    };
    expect(await refusal('{"annotations": [')).toMatchObject({ status: 400, page: expect.stringContaining('The file is not JSON') });
    expect(await refusal('{"hello": "world"}')).toMatchObject({ status: 400, page: expect.stringContaining('No annotations were found in the file') });
    expect(await refusal('[{"type": "Annotation", "target": 42}]')).toMatchObject({ status: 400, page: expect.stringContaining('None of the file’s 1 items is an annotation Plenum can read') });
    const many = { annotations: Array.from({ length: 51 }, (_, i) => ({ ...hypothesisExport.annotations[0], id: `n${i}` })) };
    expect(await refusal(JSON.stringify(many))).toMatchObject({ status: 400, page: expect.stringContaining('The file holds 51 annotations; at most 50 can be imported at once') });
    const large = JSON.stringify({ annotations: [{ ...hypothesisExport.annotations[0], text: 'x'.repeat(250 * 1024) }] });
    expect(await refusal(large)).toMatchObject({ status: 413, page: expect.stringContaining('The file is larger than the 200 KiB limit') });
    // A student cannot write instructors' notes; the form says so.
    expect(await refusal(JSON.stringify(hypothesisExport), 'staff')).toMatchObject({ status: 400, page: expect.stringContaining('Choose who sees the imported notes') });
    expect(await storedUpdates(room)).toBe(before);

    // Another course's source, and someone outside the course: not found, not forbidden.
    const other = await createSeminar(['Dan']);
    expect((await importInto(ana!, course.id, other.documentId, JSON.stringify(hypothesisExport))).status).toBe(404);
    const outsider = await createMember('Eve');
    expect([403, 404]).toContain((await h.as(outsider).get(`/c/${course.id}/d/${documentId}/import`)).status);
    // The instructor's page offers instructors' notes.
    expect(await (await h.as(instructor).get(`/c/${course.id}/d/${documentId}/import`)).text()).toContain('value="staff"');
  });
});
