import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { describePassage } from '~/lib/anchoring/selectors';
import { addLink, linkEntry } from '~/lib/compare/links';
import { sql } from '../../db/sql';
import { appHarness } from '../helpers/app-harness';
import { comparison } from '../helpers/comparison';
import { allSynced, eventually } from '../helpers/sync-clients';

const h = appHarness();

describe('exporting notes, replies and links', () => {
  it('as CSV and Markdown, with the reader’s visibility rules: one’s own work, or for instructors the class’s without members’ private work', async () => {
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
    // A class link by Ben, and a private one.
    const compare = h.join(ben!, c.room);
    await allSynced(compare);
    addLink(compare.doc, ben!.id, linkEntry({ id: 'l1', relation: 'parallels', comment: 'Same move.', ends: [c.memoEnd('Khrushchev refused to resign'), c.cableEnd('a meeting was held')] }));
    await eventually('projected', async () => (await sql`SELECT 1 FROM evidence_links WHERE course_id = ${c.course.id}`).length === 1);

    const download = (who: typeof ana, query: string) => h.as(who!).get(`/c/${c.course.id}/export/download?${query}`);
    const rowsOf = async (response: Response) => parse(await response.text(), { columns: true }) as Record<string, string>[];

    // A student: their own work only, private and all; never the class's.
    const mine = await download(ana, 'format=csv&scope=mine');
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(mine.headers.get('content-disposition')).toMatch(/attachment; filename=".+-my-notes\.csv"/);
    const anaRows = await rowsOf(mine);
    expect(anaRows.map((r) => r.body).sort()).toEqual(['Ana on the refusal.', 'Ana’s private thought.']);
    expect(anaRows.find((r) => r.body === 'Ana on the refusal.')).toMatchObject({ kind: 'note', source: 'Purge memo', quote: 'Khrushchev refused to resign', author: 'Ana', visibility: 'class', tags: 'refusal' });
    expect((await download(ana, 'format=csv&scope=course')).status).toBe(403);
    expect((await download(ana, `format=csv&scope=mine&source=${crypto.randomUUID()}`)).status).toBe(404);
    expect((await download(ana, 'format=pdf')).status).toBe(400);

    // Ben's own: his reply names its note; his hidden remark is his; a formula is defused.
    const benRows = await rowsOf(await download(ben, 'format=csv&scope=mine'));
    expect(benRows.find((r) => r.body === 'Ben answers Ana.')).toMatchObject({ kind: 'reply', parent: `${ana!.id}:a1`, quote: 'Khrushchev refused to resign' });
    expect(benRows.find((r) => r.body === 'Ben’s hidden remark.')?.visibility).toBe('class (hidden)');
    expect(benRows.some((r) => r.body === `'=HYPERLINK("http://evil.example","click")`)).toBe(true);
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

    // Markdown: by source and ¶, the passage quoted with its citation, replies indented under their note.
    const md = await (await download(c.instructor, 'format=md&scope=course')).text();
    expect(md).toMatch(/^# Sync seminar: the class’s notes/);
    expect(md).toContain('## Purge memo');
    expect(md).toMatch(/### ¶ \d+\n\n> Khrushchev refused to resign\n>\n> — Purge memo, ¶ \d+/);
    expect(md).toMatch(/- \*\*Ana\*\* \([^)]*#refusal\): Ana on the refusal\.\n {2}- \*\*Ben\*\* \([^)]*\): Ben answers Ana\./);
    expect(md).toContain('## Evidence links');
    expect(md).toMatch(/Purge memo, ¶ \d+ “Khrushchev refused to resign” \*parallels\* Cable, ¶ 1 “a meeting was held”/);
    expect(md).not.toContain('private thought');
  });
});
