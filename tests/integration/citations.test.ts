import { describe, expect, it } from 'vitest';
import { getAssignment } from '../../db/queries/assignments';
import { compareVersionsNotYetCompared } from '~/lib/sources/block-moves.server';
import { sql } from '../../db/sql';
import { appHarness } from '../helpers/app-harness';
import { addMemo, comparison, readingAssignment } from '../helpers/comparison';
import { formData } from '../helpers/forms';

const h = appHarness();

const V1 = ['The Presidium met on 18 June.', 'Malenkov spoke first.', 'Molotov followed him.', 'Kaganovich agreed.'].join('\n\n');
// A preface before ¶ 1 (every number moves on by one), ¶ 3 corrected, ¶ 4 removed.
const V2 = ['Editor’s preface.', 'The Presidium met on 18 June.', 'Malenkov spoke first.', 'Molotov then followed him.'].join('\n\n');

describe('¶ numbers cited on an older version', () => {
  it('find the same text after a new version renumbers it, or open the version they were made on, and assignments’ focus paragraphs move with it', async () => {
    const c = await comparison();
    const [ana] = c.students;
    const { documentId } = await addMemo(c, V1, 'memo-cite');
    const assignmentId = await readingAssignment(c, 'Who spoke', [documentId], { [documentId]: [2, 4] });
    const base = `/c/${c.course.id}/d/${documentId}`;
    // Before any new version: a citation opens its paragraph as it is.
    const first = await h.as(ana!).get(`${base}?at=1.2`);
    expect(first.headers.get('location')).toBe(`${base}#b2`);

    const published = await h.as(c.instructor).post(`${base}/revise`, formData({ intent: 'publish', baseVersion: '1', text: V2 }));
    expect(published.status).toBeLessThan(400);

    const follow = async (at: string) => (await h.as(ana!).get(`${base}?at=${at}`)).headers.get('location');
    expect(await follow('1.2')).toBe(`${base}?cited=1.2#b3`); // Malenkov: ¶ 2, now ¶ 3
    expect(await follow('1.3')).toBe(`${base}?cited=1.3#b4`); // Molotov, corrected: ¶ 3, now ¶ 4
    expect(await follow('1.4')).toBe(`${base}?v=1&cited=1.4#b4`); // Kaganovich's ¶ was removed: shown where it was cited
    expect(await follow('2.1')).toBe(`${base}#b1`);

    const page = async (path: string) => (await (await h.as(ana!).get(path)).text()).replaceAll('<!-- -->', '');
    expect(await page(`${base}?cited=1.2`)).toContain('You followed a citation of ¶ 2 in version 1: that paragraph is ¶ 3 in this version.');
    expect(await page(`${base}?v=1&cited=1.4`)).toContain('¶ 4 of version 1 is not in the text since version 2: it is shown here in version 1, where it was cited.');

    // The assignment's focus paragraphs were ¶ 2 and ¶ 4: Malenkov is ¶ 3 now, Kaganovich's is gone.
    const assignment = await getAssignment(c.course.id, assignmentId, { includeDrafts: true });
    expect(assignment?.documents.find((d) => d.documentId === documentId)?.focusBlocks).toEqual([3]);

    // A version stored before the moves were recorded: not followed (the cited version opens, saying why) until
    // the start-up pass compares it, which leaves the assignments' focus paragraphs alone.
    await sql`DELETE FROM document_block_moves WHERE version_id IN (SELECT id FROM document_versions WHERE document_id = ${documentId})`;
    await sql`UPDATE document_versions SET moves_compared = false WHERE document_id = ${documentId}`;
    expect(await follow('1.2')).toBe(`${base}?v=1&cited=1.2#b2`);
    expect(await page(`${base}?v=1&cited=1.2`)).toContain('Version 2 changed the text too much to say where ¶ 2 of version 1 went');
    expect(await compareVersionsNotYetCompared()).toBeGreaterThanOrEqual(1);
    expect(await follow('1.2')).toBe(`${base}?cited=1.2#b3`);
    expect((await getAssignment(c.course.id, assignmentId, { includeDrafts: true }))?.documents.find((d) => d.documentId === documentId)?.focusBlocks).toEqual([3]);
  });
});
