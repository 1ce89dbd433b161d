import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import jsonld from 'jsonld';
import { ANNO_CONTEXT, ANNO_PROFILE } from '~/lib/export/web-annotation';
import { describePassage } from '~/lib/anchoring/selectors';
import { addLink, linkEntry } from '~/lib/compare/links';
import { addMatrixEntry, addMatrixRow } from '~/lib/compare/matrix';
import { addTimelineEvent } from '~/lib/compare/timeline';
import { parseEventDate } from '~/lib/compare/event-dates';
import { writePost } from '~/lib/board/model';
import { sql } from '../../db/sql';
import { appHarness } from '../helpers/app-harness';
import { comparison, readingAssignment } from '../helpers/comparison';
import { allSynced, eventually } from '../helpers/sync-clients';

const h = appHarness();

/** A comparison whose memo has notes of every kind (class, reply, private, hidden, staff, a formula) and a class link. */
async function classWithWork() {
  const c = await comparison();
  const [ana, ben] = c.students;
  const memo = (await sql<{ body: string }[]>`SELECT body FROM document_versions WHERE document_id = ${c.memo} AND version = 1`)[0]!.body;
  const room = `doc:${c.course.id}:${c.memo}`;
  const passage = (phrase: string) => describePassage(memo, memo.indexOf(phrase), memo.indexOf(phrase) + phrase.length);
  const note = (author: string, id: string, body: string, extra: { visibility?: string; hidden?: boolean; phrase?: string; parent?: [string, string]; tags?: string[] } = {}) => {
    const selectors = extra.parent ? null : passage(extra.phrase ?? 'Khrushchev refused to resign');
    return sql`INSERT INTO notes (room, author_id, id, course_id, document_id, visibility, kind, parent_id, parent_author_id, quote, selectors, document_version, body, tags, hidden, created_at, updated_at)
      VALUES (${extra.visibility === 'private' ? `private:${c.course.id}:${c.memo}:${author}` : room}, ${author}, ${id}, ${c.course.id}, ${c.memo}, ${extra.visibility ?? 'class'},
              ${extra.parent ? 'reply' : 'note'}, ${extra.parent?.[1] ?? null}, ${extra.parent?.[0] ?? null}, ${selectors?.quote.exact ?? null}, ${selectors ? sql.json(selectors as never) : null},
              1, ${body}, ${extra.tags ?? []}, ${extra.hidden ?? false}, now(), now())`;
  };
  await note(ana!.id, 'a1', 'Ana on the refusal.', { tags: ['refusal'] });
  await note(ben!.id, 'b1', 'Ben answers Ana.', { parent: [ana!.id, 'a1'] });
  await note(ana!.id, 'a2', 'Ana’s private thought.', { visibility: 'private' });
  await note(ben!.id, 'b2', 'Ben’s private thought.', { visibility: 'private' });
  await note(ben!.id, 'b3', 'Ben’s hidden remark.', { hidden: true });
  await note(c.instructor.id, 't1', 'For instructors only.', { visibility: 'staff' });
  await note(ben!.id, 'b4', '=HYPERLINK("http://evil.example","click")');
  // A class link by Ben.
  const compare = h.join(ben!, c.room);
  await allSynced(compare);
  addLink(compare.doc, ben!.id, linkEntry({ id: 'l1', relation: 'parallels', comment: 'Same move.', ends: [c.memoEnd('Khrushchev refused to resign'), c.cableEnd('a meeting was held')] }));
  // A matrix row (the instructor's) with Ben's entry; Ana's timeline event; Ana's board thread and Ben's reply.
  const teacherCompare = h.join(c.instructor, c.room);
  const [anaCompare, board, benBoard] = [h.join(ana!, c.room), h.join(ana!, `board:${c.course.id}`), h.join(ben!, `board:${c.course.id}`)];
  await allSynced(teacherCompare, anaCompare, board, benBoard);
  addMatrixRow(teacherCompare.doc, { id: 'who', title: 'Who moved first', prompt: '', by: c.instructor.id });
  await eventually('row synced', () => compare.doc.getMap('matrix').has('who'));
  addMatrixEntry(compare.doc, ben!.id, { id: 'e1', row: 'who', caseId: c.cases[0]!.id, claim: 'Khrushchev held on.', evidence: { kind: 'passage', target: [c.memoEnd('Khrushchev refused to resign')] } });
  const when = parseEventDate('18–22 June 1957');
  if (!when.ok) throw new Error(when.error);
  addTimelineEvent(anaCompare.doc, ana!.id, { id: 'ev1', label: 'The Presidium meets', when: when.value, caseId: c.cases[0]!.id, people: [], target: [c.memoEnd('The Presidium met on 18 June')] });
  const post = { title: '', body: '', threadId: null, threadAuthorId: null, parentId: null, parentAuthorId: null, link: null, createdAt: Date.now(), updatedAt: Date.now(), deleted: false };
  writePost(board.doc, ana!.id, { ...post, id: 'th1', kind: 'thread', title: 'Who gave in first?', body: 'Ana asks the board.' });
  writePost(benBoard.doc, ben!.id, { ...post, id: 'rp1', kind: 'reply', body: 'Ben answers on the board.', threadId: 'th1', threadAuthorId: ana!.id, parentId: 'th1', parentAuthorId: ana!.id });
  await eventually('projected', async () => {
    const [row] = await sql<{ n: number }[]>`
      SELECT (SELECT count(*) FROM evidence_links WHERE course_id = ${c.course.id}) + (SELECT count(*) FROM matrix_entries WHERE course_id = ${c.course.id})
           + (SELECT count(*) FROM timeline_events WHERE course_id = ${c.course.id}) + (SELECT count(*) FROM board_posts WHERE course_id = ${c.course.id}) AS n`;
    return Number(row!.n) === 5;
  });
  return { c, ana: ana!, ben: ben! };
}

describe('exporting notes, replies and links', () => {
  it('as CSV and Markdown, with the reader’s visibility rules: one’s own work, or for instructors the class’s without members’ private work', async () => {
    const { c, ana, ben } = await classWithWork();
    const download = (who: typeof ana, query: string) => h.as(who!).get(`/c/${c.course.id}/export/download?${query}`);
    const rowsOf = async (response: Response) => parse(await response.text(), { columns: true }) as Record<string, string>[];

    // A student: their own work only, private and all; never the class's.
    const mine = await download(ana, 'format=csv&scope=mine');
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(mine.headers.get('content-disposition')).toMatch(/attachment; filename=".+-my-notes\.csv"/);
    const anaRows = await rowsOf(mine);
    expect(anaRows.map((r) => r.kind).sort()).toEqual(['board thread', 'note', 'note', 'timeline event']);
    expect(anaRows.filter((r) => r.kind === 'note').map((r) => r.body).sort()).toEqual(['Ana on the refusal.', 'Ana’s private thought.']);
    expect(anaRows.find((r) => r.kind === 'timeline event')).toMatchObject({ source: 'Purge memo', quote: 'The Presidium met on 18 June', body: expect.stringMatching(/^18–22 June 1957: The Presidium meets/) });
    expect(anaRows.find((r) => r.kind === 'board thread')?.body).toBe('Who gave in first?\n\nAna asks the board.');
    expect(anaRows.find((r) => r.body === 'Ana on the refusal.')).toMatchObject({ kind: 'note', source: 'Purge memo', quote: 'Khrushchev refused to resign', author: 'Ana', visibility: 'class', tags: 'refusal' });
    expect((await download(ana, 'format=csv&scope=course')).status).toBe(403);
    expect((await download(ana, `format=csv&scope=mine&source=${crypto.randomUUID()}`)).status).toBe(404);
    expect((await download(ana, 'format=pdf')).status).toBe(400);

    // Ben's own: his reply names its note; his hidden remark is his; a formula is defused.
    const benRows = await rowsOf(await download(ben, 'format=csv&scope=mine'));
    expect(benRows.find((r) => r.body === 'Ben answers Ana.')).toMatchObject({ kind: 'reply', parent: `${ana!.id}:a1`, quote: 'Khrushchev refused to resign' });
    expect(benRows.find((r) => r.body === 'Ben’s hidden remark.')?.visibility).toBe('class (hidden)');
    expect(benRows.some((r) => r.body === `'=HYPERLINK("http://evil.example","click")`)).toBe(true);
    expect(benRows.find((r) => r.kind === 'matrix entry')).toMatchObject({ source: 'Purge memo', quote: 'Khrushchev refused to resign', body: expect.stringContaining('Who moved first / ') });
    expect(benRows.find((r) => r.kind === 'board reply')).toMatchObject({ body: 'Ben answers on the board.', parent: `${ana.id}:th1` });
    expect(benRows.find((r) => r.kind === 'link')).toMatchObject({ source: 'Purge memo', 'linked source': 'Cable', 'linked quote': 'a meeting was held', body: 'parallels: Same move.' });

    // The instructor: the class's, staff and hidden included, no member's private note.
    const whole = await download(c.instructor, 'format=csv&scope=course');
    const all = await rowsOf(whole);
    expect(Number(whole.headers.get('x-export-rows'))).toBe(all.length);
    const bodies = all.map((r) => r.body);
    expect(bodies).toEqual(expect.arrayContaining(['Ana on the refusal.', 'Ben answers Ana.', 'Ben’s hidden remark.', 'For instructors only.', 'parallels: Same move.']));
    expect(bodies).not.toContain('Ana’s private thought.');
    expect(bodies).not.toContain('Ben’s private thought.');
    // One source: the cable has only the link's other end.
    const cableOnly = await rowsOf(await download(c.instructor, `format=csv&scope=course&source=${c.documentId}`));
    expect(cableOnly.map((r) => r.kind)).toEqual(['link']);
    expect(all.map((r) => r.kind).filter((k) => !['note', 'reply', 'link'].includes(k!)).sort()).toEqual(['board reply', 'board thread', 'matrix entry', 'timeline event']);
    // One assignment's sources: its notes and what cites them, not the board.
    const assignmentId = await readingAssignment(c, 'The memo', [c.memo]);
    const forAssignment = await rowsOf(await download(c.instructor, `format=csv&scope=course&assignment=${assignmentId}`));
    expect(forAssignment.length).toBe(all.length - 2);
    expect(forAssignment.some((r) => r.kind!.startsWith('board'))).toBe(false);
    expect((await download(c.instructor, `format=csv&scope=course&assignment=${crypto.randomUUID()}`)).status).toBe(404);

    // Markdown: by source and ¶, the passage quoted with its citation, replies indented under their note.
    const md = await (await download(c.instructor, 'format=md&scope=course')).text();
    expect(md).toMatch(/^# Sync seminar: the class’s work/);
    expect(md).toContain('## Purge memo');
    expect(md).toMatch(/### ¶ \d+\n\n> Khrushchev refused to resign\n>\n> — Purge memo, ¶ \d+/);
    expect(md).toMatch(/- \*\*Ana\*\* \([^)]*#refusal\): Ana on the refusal\.\n {2}- \*\*Ben\*\* \([^)]*\): Ben answers Ana\./);
    expect(md).toContain('## Evidence links');
    expect(md).toMatch(/Purge memo, ¶ \d+ “Khrushchev refused to resign” \*parallels\* Cable, ¶ 1 “a meeting was held”/);
    expect(md).toContain('## Comparison matrix\n\n### Who moved first');
    expect(md).toMatch(/## Timeline\n\n- \*\*18–22 June 1957\*\* The Presidium meets/);
    expect(md).toMatch(/## Board\n\n\n### Who gave in first\?\n\n\*\*Ana\*\* \([^)]*\): Ana asks the board\.\n\n- \*\*Ben\*\* \([^)]*\): Ben answers on the board\./);
    expect(md).not.toContain('private thought');
  });

  it('as W3C Web Annotation JSON-LD that expands against the W3C context keeping every field, and each annotation at its own address for whoever may see it (404 for anyone else)', async () => {
    const { c, ana, ben } = await classWithWork();
    // (The W3C context, as published at http://www.w3.org/ns/anno.jsonld under the W3C Software and Document License,
    // term for term: the tests run without a network.)
    const context = JSON.parse(await readFile(new URL('../fixtures/anno.jsonld', import.meta.url), 'utf8')) as object;
    const documentLoader = async (url: string) => {
      if (url !== ANNO_CONTEXT) throw new Error(`no network here, for ${url}`);
      return { contextUrl: undefined, document: context, documentUrl: url };
    };
    const response = await h.as(c.instructor).get(`/c/${c.course.id}/export/download?format=jsonld&scope=course`);
    expect(response.headers.get('content-type')).toBe(ANNO_PROFILE);
    const exported = (await response.json()) as { '@context': string; '@graph': Record<string, unknown>[] };
    expect(exported['@context']).toBe(ANNO_CONTEXT);
    const [collection, ...pages] = exported['@graph'];
    expect(collection).toMatchObject({ type: 'AnnotationCollection', total: 10 });
    const annotations = pages.flatMap((p) => p.items as Record<string, unknown>[]);
    expect(annotations).toHaveLength(10);
    // Safe mode: expansion fails on any term the context does not define, instead of dropping it.
    const expanded = (await jsonld.expand(exported as never, { documentLoader: documentLoader as never, safe: true } as never)) as unknown as Record<string, unknown>[];
    const OA = 'http://www.w3.org/ns/oa#';
    const nodes = expanded.flatMap((n) => (n['@graph'] as Record<string, unknown>[] | undefined) ?? [n]);
    const pagesExpanded = nodes.filter((n) => (n['@type'] as string[]).includes('http://www.w3.org/ns/activitystreams#OrderedCollectionPage'));
    const items = pagesExpanded.flatMap((p) => ((p['http://www.w3.org/ns/activitystreams#items'] as { '@list': Record<string, unknown>[] }[])[0]!['@list']));
    expect(items).toHaveLength(10);
    const motivations = items.map((a) => (a[`http://www.w3.org/ns/oa#motivatedBy`] as { '@id': string }[])[0]!['@id'].split('#')[1]).sort();
    expect(motivations).toEqual(['commenting', 'commenting', 'commenting', 'commenting', 'commenting', 'describing', 'describing', 'linking', 'replying', 'replying']);
    const byId = (suffix: string) => items.find((a) => (a['@id'] as string).endsWith(encodeURIComponent(suffix)))!;
    const note = byId(`${ana.id}:a1`);
    expect(note[`${OA}motivatedBy`]).toEqual([{ '@id': `${OA}commenting` }]);
    const target = (note[`${OA}hasTarget`] as Record<string, unknown>[])[0]!;
    const selectors = target[`${OA}hasSelector`] as Record<string, unknown>[];
    expect(selectors.map((sel) => (sel['@type'] as string[])[0])).toEqual([`${OA}TextQuoteSelector`, `${OA}TextPositionSelector`]);
    expect(selectors[0]![`${OA}exact`]).toEqual([{ '@value': 'Khrushchev refused to resign' }]);
    expect((target[`${OA}hasSource`] as { '@id': string }[])[0]!['@id']).toMatch(new RegExp(`/c/${c.course.id}/d/${c.memo}\\?v=1$`));
    const bodies = note[`${OA}hasBody`] as Record<string, unknown>[];
    expect(bodies.map((b) => (b[`${OA}hasPurpose`] as { '@id': string }[])[0]!['@id'])).toEqual([`${OA}commenting`, `${OA}tagging`]);
    expect(note['http://purl.org/dc/terms/created']).toBeDefined();
    expect(note['http://purl.org/dc/terms/creator']).toBeDefined();
    const reply = byId(`${ben.id}:b1`);
    expect(reply[`${OA}motivatedBy`]).toEqual([{ '@id': `${OA}replying` }]);
    expect((reply[`${OA}hasTarget`] as { '@id': string }[])[0]!['@id']).toBe(note['@id']);
    const link = byId(`${ben.id}:l1`);
    expect(link[`${OA}motivatedBy`]).toEqual([{ '@id': `${OA}linking` }]);
    expect(link[`${OA}hasTarget`] as unknown[]).toHaveLength(2);
    expect(((link[`${OA}hasBody`] as Record<string, unknown>[])[0]![`${OA}hasPurpose`] as { '@id': string }[])[0]!['@id']).toBe(`${OA}classifying`);
    // What the instructor may not see is not in it.
    expect(JSON.stringify(exported)).not.toContain('private thought');

    // Each annotation's own address answers its JSON-LD, the same as in the export.
    const address = (authorId: string, id: string) => `/annotations/${encodeURIComponent(`${authorId}:${id}`)}`;
    const own = await h.as(ana).get(address(ana.id, 'a1'));
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe(ANNO_PROFILE);
    const single = (await own.json()) as Record<string, unknown>;
    expect(single).toMatchObject({ '@context': ANNO_CONTEXT, type: 'Annotation', motivation: 'commenting' });
    expect(single.id).toBe(annotations.find((a) => (a.id as string).endsWith(encodeURIComponent(`${ana.id}:a1`)))!.id);
    expect((await h.as(ana).get(address(ben.id, 'l1'))).status).toBe(200);
    expect((await h.as(ana).get(address(ben.id, 'b3'))).status).toBe(404); // hidden: its author and instructors only
    expect((await h.as(ben).get(address(ben.id, 'b3'))).status).toBe(200);
    expect((await h.as(c.instructor).get(address(ben.id, 'b3'))).status).toBe(200);
    expect((await h.as(ben).get(address(ana.id, 'a2'))).status).toBe(404); // private
    expect((await h.as(c.instructor).get(address(ana.id, 'a2'))).status).toBe(404);
    expect((await h.as(ana).get(address(c.instructor.id, 't1'))).status).toBe(404); // staff
    expect((await h.as(c.instructor).get(address(c.instructor.id, 't1'))).status).toBe(200);
    const outsider = (await comparison()).students[0]!;
    expect((await h.as(outsider).get(address(ana.id, 'a1'))).status).toBe(404);
    expect((await h.as(ana).get(address(ana.id, 'nothing-here'))).status).toBe(404);
    expect((await h.as(ana).get('/annotations/not-an-id')).status).toBe(404);
  });
});
