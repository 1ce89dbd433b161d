import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CLOSE_SPELLING, searchSql, sql } from '../../db/sql';
import { describePassage } from '~/lib/anchoring/selectors';
import { addNote, setHidden, type NoteEntry } from '~/lib/notes/model';
import { normalise } from '~/lib/search/normalise';
import { importDocument } from '~/lib/sources/import.server';
import { appHarness } from '../helpers/app-harness';
import { createSeminar, type TestMember } from '../helpers/fixtures';
import { eventually } from '../helpers/sync-clients';

const h = appHarness();

const CAESAR = new URL('../../db/seed/sources/cia-caesar-xv-anti-party-group-1962.txt', import.meta.url);
const KOREAN = 'At the plenum Ch’oe Ch’ang-ik spoke against the cult of personality.\n\nKim Il-sung answered with expulsions.\n';

/** A seminar with CAESAR XV (OCR, with its misread names) and a short text of romanised Korean names. */
async function corpus() {
  const seminar = await createSeminar(['Ana', 'Ben']);
  await importDocument({
    meta: { slug: `caesar-${seminar.course.id}`, title: 'CAESAR XV', kind: 'primary', genre: '', date: null, origin: '', textNote: '' },
    text: await readFile(CAESAR, 'utf8'),
    createdBy: seminar.instructor.id,
    courseId: seminar.course.id,
    caseId: seminar.cases[0]!.id,
  });
  await importDocument({
    meta: { slug: `korea-${seminar.course.id}`, title: 'August plenum', kind: 'secondary', genre: '', date: null, origin: '', textNote: '' },
    text: KOREAN,
    createdBy: seminar.instructor.id,
    courseId: seminar.course.id,
    caseId: seminar.cases[1]!.id,
  });
  return seminar;
}

/** The search page's HTML for `member`, with React's text separators taken out. */
async function search(member: TestMember, courseId: string, query: string, more = '') {
  const res = await h.as(member).get(`/c/${courseId}/search?q=${encodeURIComponent(query)}${more}`);
  return { status: res.status, html: (await res.text()).replaceAll('<!-- -->', '') };
}

/** The source paragraphs found, in order: "title ¶ n". */
const sourceHits = (html: string) => [...html.matchAll(/class="hit-title"[^>]*href="[^"]*\/d\/[^"#?]+(?:\?[^"#]*)?#b\d+"[^>]*>([^<]+)</g)].map((m) => m[1]);

describe('search', () => {
  it('has one normal form in the browser and in PostgreSQL: apostrophes, hyphens, diacritics, spacing and possessives do not matter', async () => {
    const samples = ["Ch'oe Ch'ang-ik", 'Choe Chang-ik', 'Ch’oe Chang ik', 'Kim Il-sung', 'KIM  IL SUNG', 'Malenkov’s', 'Hŭngnam, Łódź', '“anti-party” group', 'Ri/Yi Sang-jo'];
    const inPostgres = [];
    for (const sample of samples) inPostgres.push((await sql<{ n: string }[]>`SELECT plenum_norm(${sample}) AS n`)[0]!.n);
    expect(inPostgres).toEqual(samples.map(normalise));
    expect(new Set(samples.slice(0, 3).map(normalise)).size).toBe(1);
    expect(normalise('Kim Il-sung')).toBe(normalise('KIM  IL SUNG'));
  });

  it('finds a person in every spelling the OCR made of them, the exact spelling first, and says which spelling matched', async () => {
    const { course, students } = await corpus();
    const first = await search(students[0]!, course.id, 'Malenkov');
    expect(first.status).toBe(200);
    // The best 20, and a way to all of them.
    expect(sourceHits(first.html)).toHaveLength(20);
    const all = /href="([^"]*kind=source[^"]*)"[^>]*>Show all (\d+) source text results/.exec(first.html)!;
    const { html } = await search(students[0]!, course.id, 'Malenkov', '&kind=source');
    const hits = sourceHits(html);
    expect(hits).toHaveLength(Number(all[2]));
    // "Halenkov" (CAESAR XV ¶ 1's misreading) is found, and said to be how it is spelled there.
    expect(html).toContain('<mark>Halenkov</mark>');
    expect(html).toContain('spelled “Halenkov”');
    // Every paragraph with "Malenkov" itself comes before those with only another spelling.
    const bodies = await sql<{ number: number; body: string }[]>`
      SELECT b.number, b.body FROM document_blocks b JOIN document_versions v ON v.id = b.version_id JOIN documents d ON d.id = v.document_id
      WHERE d.slug = ${`caesar-${course.id}`}`;
    const exact = hits.map((hit) => {
      const number = Number(/¶ (\d+)$/.exec(hit!)![1]);
      return normalise(bodies.find((b) => b.number === number)!.body).split(' ').includes('malenkov');
    });
    expect(exact).toContain(false);
    expect(exact.slice(exact.indexOf(false))).not.toContain(true);
  });

  it('says when no source spells a word, and offers the closest spelling one does', async () => {
    const { course, students } = await corpus();
    const { html } = await search(students[0]!, course.id, 'Malenkof Molotov');
    expect(html).toContain('No source spells “malenkof”');
    expect(html).toMatch(/href="[^"]*\/search\?q=malenkov%20molotov"/);
  });

  it('does not care how a romanised name is written', async () => {
    const { course, students } = await corpus();
    const found = [];
    for (const query of ["Ch'oe Ch'ang-ik", 'Choe Chang-ik', "Ch'oe Chang ik", 'choe changik'.replace('changik', 'chang ik')]) {
      found.push(sourceHits((await search(students[0]!, course.id, query)).html));
    }
    expect(found[0]).toEqual(['August plenum ¶ 1']);
    for (const hits of found) expect(hits).toEqual(found[0]);
    // (The seminar's own cable writes "Kim Il Sung".)
    expect(sourceHits((await search(students[0]!, course.id, 'Kim Il Sung')).html).sort()).toEqual(['August plenum ¶ 2', 'Cable ¶ 2']);
  });

  it('shows a member only what they may read: never another’s private notes, staff notes for students, a hidden note’s text for classmates, or another course', async () => {
    const { course, documentId, students, instructor } = await corpus();
    const [ana, ben] = students as [TestMember, TestMember];
    const elsewhere = await createSeminar(['Zoe']);
    const text = 'Today, 22 September, a meeting was held.\n\nCde. Kim Il Sung passed us the draft.\n';
    const note = (id: string, body: string): NoteEntry => ({
      id, kind: 'note', parentId: null, parentAuthorId: null, body, tags: [], selectors: describePassage(text, 7, 19),
      documentVersion: 1, createdAt: Date.now(), updatedAt: Date.now(), deleted: false,
    });
    const write = async (member: TestMember, room: string, entry: NoteEntry) => {
      const c = h.join(member, room);
      await eventually('synced', () => c.sync.provider.synced);
      addNote(c.doc, member.id, entry);
      return c;
    };
    const classRoom = await write(ana, `doc:${course.id}:${documentId}`, note('open', 'zanzibar in class'));
    addNote(classRoom.doc, ana.id, note('later-hidden', 'zanzibar hidden later'));
    await write(ana, `private:${course.id}:${documentId}:${ana.id}`, note('mine', 'zanzibar only for Ana'));
    await write(instructor, `staff:${course.id}:${documentId}`, note('staff', 'zanzibar for instructors'));
    await write(elsewhere.students[0]!, `doc:${elsewhere.course.id}:${elsewhere.documentId}`, note('other', 'zanzibar in another course'));
    const teacher = h.join(instructor, `doc:${course.id}:${documentId}`);
    await eventually('synced', () => teacher.sync.provider.synced);
    await eventually('projected', async () => (await sql`SELECT 1 FROM notes WHERE body LIKE 'zanzibar%'`).length === 5, 3000);
    setHidden(teacher.doc, { authorId: ana.id, noteId: 'later-hidden', hidden: true, reason: 'no', by: instructor.id });
    await eventually('hidden', async () => (await sql`SELECT hidden FROM notes WHERE id = 'later-hidden'`)[0]?.hidden === true, 3000);

    const seen = async (member: TestMember) => {
      const text = (await search(member, course.id, 'zanzibar')).html.replace(/<[^>]+>/g, '');
      return ['in class', 'hidden later', 'only for Ana', 'for instructors', 'another course'].filter((t) => text.includes(`zanzibar ${t}`));
    };
    expect(await seen(ana)).toEqual(['in class', 'hidden later', 'only for Ana']);
    expect(await seen(ben)).toEqual(['in class']);
    expect(await seen(instructor)).toEqual(['in class', 'hidden later', 'for instructors']);
    // Not a member: no search at all.
    expect((await h.as(elsewhere.students[0]!).get(`/c/${course.id}/search?q=zanzibar`)).status).toBe(404);
  });

  it('answers a query it cannot search with the reason, never a 500, and limits how fast one member searches', async () => {
    const { course, students } = await corpus();
    const [ana, ben] = students as [TestMember, TestMember];
    const tooLong = await search(ana, course.id, 'x'.repeat(201));
    expect(tooLong.status).toBe(400);
    expect(tooLong.html).toContain('A search is at most 200 characters; this one is 201.');
    const punctuation = await search(ana, course.id, '?!—…');
    expect(punctuation.status).toBe(400);
    expect(punctuation.html).toContain('punctuation alone finds nothing');
    const quote = await search(ana, course.id, '"anti-party group');
    expect(quote.status).toBe(400);
    expect(quote.html).toContain('A quotation mark is not closed');
    // (A phrase in quotes works.)
    expect(sourceHits((await search(ana, course.id, '"anti-party group"')).html).length).toBeGreaterThan(0);
    let limited = 0;
    for (let i = 0; i < 25; i++) if ((await search(ana, course.id, `plenum ${i}`)).status === 429) limited++;
    expect(limited).toBeGreaterThan(0);
    expect((await search(ben, course.id, 'plenum')).status).toBe(200);
  });

  it("plans each of search's statements for its own words, on connections of its own", async () => {
    // A cached generic plan reads a common word's every match through the index (bench:search: 17 → 48 ms for "party").
    const settings = await Promise.all(
      Array.from({ length: 4 }, () => searchSql<{ mode: string; threshold: string }[]>`SELECT current_setting('plan_cache_mode') AS mode, current_setting('pg_trgm.similarity_threshold') AS threshold`),
    );
    expect(settings.map(([s]) => s)).toEqual(Array.from({ length: 4 }, () => ({ mode: 'force_custom_plan', threshold: String(CLOSE_SPELLING) })));
    const [other] = await sql<{ mode: string }[]>`SELECT current_setting('plan_cache_mode') AS mode`;
    expect(other!.mode).toBe('auto');
  });
});
