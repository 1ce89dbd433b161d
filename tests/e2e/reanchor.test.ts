import { describe, expect, it } from 'vitest';
import { describePassage } from '~/lib/anchoring/selectors';
import { addNote } from '~/lib/notes/model';
import { importDocument } from '~/lib/sources/import.server';
import { createSeminar } from '../helpers/fixtures';
import { eventually, joinRoom } from '../helpers/sync-clients';
import { e2eHarness, highlighted, openSignedIn } from './browser';

const h = e2eHarness();

const V1 = [
  'The attempted coup against Khrushchov In7 had its antecedents In the struggle for power.',
  'Malenkov, Molotov and Kaganovich had been deeply involved in this struggle.',
  'Official sources have boon supplorentod by the many ruir.ors to which any political event gives rise.',
  'In the end Molotov and Kaganovich were sent away from Moscow.',
].join('\n\n');
const V2 = [
  'Preface added by the editor of the corrected edition.',
  'The attempted coup against Khrushchev in 1957 had its antecedents in the struggle for power.',
  'Malenkov, Molotov and Kaganovich had been deeply involved in this struggle.',
].join('\n\n');

describe('notes on a corrected version of a source', () => {
  it('keep their place exactly, follow a corrected passage approximately, and list a vanished one as an orphan', async () => {
    const { course, students: [ana, ben], instructor } = await createSeminar();
    const meta = { slug: `caesar-${course.id}`, title: 'CAESAR excerpt', kind: 'primary' as const, genre: '', date: null, origin: '', textNote: '' };
    const { documentId } = await importDocument({ meta, text: V1, createdBy: instructor.id, courseId: course.id });

    const writer = joinRoom(h.app.baseUrl, ana!, `doc:${course.id}:${documentId}`);
    await eventually('synced', () => writer.sync.provider.synced);
    const note = (id: string, phrase: string, body: string) => {
      const start = V1.lastIndexOf(phrase); // (the last paragraph's 'Molotov and Kaganovich', not ¶ 2's)
      addNote(writer.doc, ana!.id, {
        id, kind: 'note', parentId: null, parentAuthorId: null, body, tags: [], selectors: describePassage(V1, start, start + phrase.length),
        documentVersion: 1, createdAt: Date.now(), updatedAt: Date.now(), deleted: false,
      });
    };
    note('exact', 'Malenkov, Molotov and Kaganovich', 'The three principals.');
    note('fuzzy', 'The attempted coup against Khrushchov In7 had its antecedents', 'OCR garbles the year.');
    note('orphan', 'Official sources have boon supplorentod', 'Rumours as sources?');
    // Its paragraph is removed, but its words recur in another one (with other words around them).
    note('review', 'Molotov and Kaganovich', 'Where did they go?');
    await new Promise((resolve) => setTimeout(resolve, 500));
    writer.destroy();

    expect((await importDocument({ meta, text: V2, createdBy: instructor.id })).version).toBe(2);

    const { context, page } = await openSignedIn(h.browser, h.app.baseUrl, ben!);
    await page.goto(`${h.app.baseUrl}/c/${course.id}/d/${documentId}`);
    await page.locator('.note-card').first().waitFor();
    // A note's highlight: focus its card, and read what the reader underlines as focused.
    const highlight = async (body: string) => {
      await page.locator('.note-card').filter({ hasText: body }).click();
      await page.locator('.note-card.focused').filter({ hasText: body }).waitFor();
      return (await highlighted(page, 'hl-focused')).join('');
    };
    expect(await highlight('The three principals.')).toBe('Malenkov, Molotov and Kaganovich');
    expect(await highlight('OCR garbles the year.')).toContain('The attempted coup against Khrushchev in 1957');
    await page.locator('.note-card').filter({ hasText: 'OCR garbles the year.' }).getByText('matched approximately').waitFor();
    const orphans = page.getByRole('region', { name: 'Notes whose passage was not found' });
    await orphans.locator('.note-card').filter({ hasText: 'Rumours as sources?' }).waitFor();
    expect(await orphans.locator('.card-quote').textContent()).toBe('Official sources have boon supplorentod');
    // Words that recur elsewhere without their context are offered to check, not painted there.
    const toCheck = page.getByRole('region', { name: 'Notes whose passage may have moved' });
    await toCheck.locator('.note-card').filter({ hasText: 'Where did they go?' }).waitFor();
    expect(await toCheck.getByRole('link', { name: '¶ 3' }).count()).toBe(1);
    expect(await highlighted(page, 'hl-class')).not.toContain('Molotov and Kaganovich');
    // The older version still shows every note in place.
    await page.goto(`${h.app.baseUrl}/c/${course.id}/d/${documentId}?v=1`);
    await expect.poll(() => highlighted(page, 'hl-class')).toContain('Official sources have boon supplorentod');
    await context.close();
  });
});
