import { describe, expect, it } from 'vitest';
import { describePassage } from '~/lib/anchoring/selectors';
import { addTimelineEvent } from '~/lib/compare/timeline';
import { parseEventDate } from '~/lib/compare/event-dates';
import { addLink, linkEntry, type LinkEnd } from '~/lib/compare/links';
import { addNote } from '~/lib/notes/model';
import { sql } from '../../db/sql';
import { appHarness } from '../helpers/app-harness';
import { comparison, addMemo } from '../helpers/comparison';
import { formData as form } from '../helpers/forms';
import { allSynced, eventually } from '../helpers/sync-clients';

const h = appHarness();

const V1 = [
  'Memorandum on the events of June 1957.',
  'Malenkov, Molotov and Kaganovich had been deeply involved in this struggle.',
  'The attempted coup against Khrushchov In7 had its antecedents In the struggle for power.',
  'Official sources have boon supplorentod by the many ruir.ors to which any political event gives rise.',
  'In the end Molotov and Kaganovich were sent away from Moscow.',
].join('\n\n');
// ¶ 1 gains a preface before it, ¶ 3 is corrected, ¶ 4 and ¶ 5 are removed.
const V2 = [
  'Preface by the editor of the corrected edition.',
  'Memorandum on the events of June 1957.',
  'Malenkov, Molotov and Kaganovich had been deeply involved in this struggle.',
  'The attempted coup against Khrushchev in 1957 had its antecedents in the struggle for power.',
].join('\n\n');

/** The preview's table, read from the page: counts by row (Notes, …) and column (Stay in place, …). */
function countsIn(html: string): Record<string, number[]> {
  const rows: Record<string, number[]> = {};
  for (const [, label, cells] of html.matchAll(/<tr><th scope="row">([^<]+)<\/th>((?:<td[^>]*>\d+<\/td>)+)<\/tr>/g)) {
    rows[label!] = [...cells!.matchAll(/>(\d+)</g)].map((m) => Number(m[1]));
  }
  return rows;
}


describe('a new version of a source, from the browser', () => {
  it('previews where notes, link ends and events would land, publishes, and refuses stale, unchanged and shared texts', async () => {
    const c = await comparison();
    const [ana, ben] = c.students;
    const { documentId } = await addMemo(c, V1, 'memo-v');
    const passage = (phrase: string, last = false) => {
      const at = last ? V1.lastIndexOf(phrase) : V1.indexOf(phrase);
      return describePassage(V1, at, at + phrase.length);
    };
    const note = (id: string, selectors: ReturnType<typeof passage>) => ({ id, kind: 'note' as const, parentId: null, parentAuthorId: null, body: `Note ${id}`, tags: [], selectors, documentVersion: 1, createdAt: Date.now(), updatedAt: Date.now(), deleted: false });
    const end = (selectors: ReturnType<typeof passage>): LinkEnd => ({ source: documentId, version: 1, selector: [selectors.position, selectors.quote] });

    const classRoom = h.join(ana!, `doc:${c.course.id}:${documentId}`);
    const own = h.join(ana!, `private:${c.course.id}:${documentId}:${ana!.id}`);
    const compare = h.join(ben!, c.room);
    await allSynced(classRoom, own, compare);
    addNote(classRoom.doc, ana!.id, note('stays', passage('deeply involved in this struggle')));
    addNote(classRoom.doc, ana!.id, note('fuzzy', passage('The attempted coup against Khrushchov In7 had its antecedents')));
    addNote(classRoom.doc, ana!.id, note('review', passage('Molotov and Kaganovich', true)));
    addNote(classRoom.doc, ana!.id, note('orphan', passage('Official sources have boon supplorentod')));
    addNote(own.doc, ana!.id, note('mine', passage('many ruir.ors to which any political event')));
    addLink(compare.doc, ben!.id, linkEntry({ id: 'link', relation: 'parallels', comment: '', ends: [end(passage('Memorandum on the events')), c.cableEnd('a meeting was held')] }));
    const when = parseEventDate('June 1957');
    if (!when.ok) throw new Error(when.error);
    addTimelineEvent(compare.doc, ben!.id, { id: 'exile', label: 'Sent away', when: when.value, caseId: c.cases[0]!.id, people: [], target: [end(passage('were sent away from Moscow'))] });
    await eventually('projected', async () => {
      const [row] = await sql<{ n: number }[]>`
        SELECT (SELECT count(*) FROM notes WHERE document_id = ${documentId}) + (SELECT count(*) FROM evidence_links WHERE course_id = ${c.course.id})
          + (SELECT count(*) FROM timeline_events WHERE course_id = ${c.course.id}) AS n`;
      return Number(row!.n) === 7;
    });

    const path = `/c/${c.course.id}/d/${documentId}/revise`;
    // Only instructors correct a text.
    expect((await h.as(ben!).get(path)).status).toBe(403);
    expect((await h.as(ben!).post(path, form({ intent: 'publish', baseVersion: '1', text: V2 }))).status).toBe(403);

    const preview = await h.as(c.instructor).post(path, form({ intent: 'preview', baseVersion: '1', text: V2 }));
    expect(preview.status).toBe(200);
    const html = (await preview.text()).replaceAll('<!-- -->', '');
    //                       exact moved fuzzy review orphan
    expect(countsIn(html)).toEqual({
      Notes: [0, 1, 1, 1, 2],
      'Evidence link ends': [0, 1, 0, 0, 0],
      'Timeline events': [0, 0, 0, 0, 1],
    });
    expect(html).toContain('1 paragraph edited, 2 removed, 1 added; 2 unchanged.');
    expect(html).toContain('Note · was ¶ 5, to check (the words recur at ¶ 3)');
    expect(html).toContain('Timeline event · was ¶ 5, orphaned');
    expect(html).toContain('Official sources have boon supplorentod');
    // Ana's private note is counted, never listed for the instructor (its words are in the text, not in the list).
    const list = /<ul class="unplaced-list">.*?<\/ul>/s.exec(html)?.[0] ?? '';
    expect(list).toContain('Official sources have boon supplorentod');
    expect(list).not.toContain('many ruir.ors');
    expect(list).toContain('and 1 members’ private notes or links');

    const published = await h.as(c.instructor).post(path, form({ intent: 'publish', baseVersion: '1', text: V2 }));
    expect(published.status).toBe(302);
    expect(published.headers.get('location')).toBe(`/c/${c.course.id}/d/${documentId}?published=2`);
    const [stored] = await sql<{ version: number; body: string }[]>`SELECT version, body FROM document_versions WHERE document_id = ${documentId} ORDER BY version DESC LIMIT 1`;
    expect(stored).toEqual({ version: 2, body: V2 });
    const reader = (await (await h.as(ben!).get(`/c/${c.course.id}/d/${documentId}`)).text()).replaceAll('<!-- -->', '');
    expect(reader).toContain('Version 2 of 2');
    const older = (await (await h.as(ben!).get(`/c/${c.course.id}/d/${documentId}?v=1`)).text()).replaceAll('<!-- -->', '');
    expect(older).toContain('You are reading version 1 of this text; version 2 is newer.');

    // A text prepared against version 1, now that version 2 is out; the same text again; no text.
    const stale = await h.as(c.instructor).post(path, form({ intent: 'publish', baseVersion: '1', text: `${V2}\n\nMore.` }));
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Version 2 was published while you worked on this one.');
    const same = await h.as(c.instructor).post(path, form({ intent: 'preview', baseVersion: '2', text: V2 }));
    expect(same.status).toBe(400);
    expect(await same.text()).toContain('This is the text of version 2 already');
    expect((await h.as(c.instructor).post(path, form({ intent: 'preview', baseVersion: '2', text: '  \n' }))).status).toBe(400);
    expect(await sql`SELECT 1 FROM document_versions WHERE document_id = ${documentId} AND version > 2`).toHaveLength(0);

    // A source another course reads too is not this course's to correct.
    const other = await comparison();
    await sql`INSERT INTO course_documents (course_id, document_id, position) VALUES (${other.course.id}, ${documentId}, 9)`;
    const shared = await h.as(c.instructor).post(path, form({ intent: 'publish', baseVersion: '2', text: `${V2}\n\nMore.` }));
    expect(shared.status).toBe(409);
    expect(await shared.text()).toContain('also read in another course');
  });
});
