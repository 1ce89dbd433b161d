import { describe, expect, it } from 'vitest';
import { describePassage } from '~/lib/anchoring/selectors';
import { addNote } from '~/lib/notes/model';
import { addLink, linkEntry, type LinkEnd } from '~/lib/compare/links';
import { addTimelineEvent } from '~/lib/compare/timeline';
import { parseEventDate } from '~/lib/compare/event-dates';
import { importDocument } from '~/lib/sources/import.server';
import { createSeminar } from '../helpers/fixtures';
import { eventually, joinRoom } from '../helpers/sync-clients';
import { e2eHarness, highlighted, openSignedIn, selectPhrase } from './browser';

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

  it('an instructor corrects the text in the browser, sees where the notes will land, publishes, re-attaches a student’s orphan; the author re-attaches what was left', async () => {
    const { course, students: [ana, ben], instructor, documentId: cable, cases } = await createSeminar();
    const meta = { slug: `caesar-web-${course.id}`, title: 'CAESAR to correct', kind: 'primary' as const, genre: '', date: null, origin: '', textNote: '' };
    const { documentId } = await importDocument({ meta, text: V1, createdBy: instructor.id, courseId: course.id });
    const writer = joinRoom(h.app.baseUrl, ana!, `doc:${course.id}:${documentId}`);
    await eventually('synced', () => writer.sync.provider.synced);
    for (const [id, phrase, body] of [
      ['principals', 'Malenkov, Molotov and Kaganovich', 'The three principals.'],
      ['rumours', 'Official sources have boon supplorentod', 'Rumours as sources?'],
      ['where', 'Molotov and Kaganovich', 'Where did they go?'],
    ] as const) {
      const start = V1.lastIndexOf(phrase);
      addNote(writer.doc, ana!.id, { id, kind: 'note', parentId: null, parentAuthorId: null, body, tags: [], selectors: describePassage(V1, start, start + phrase.length), documentVersion: 1, createdAt: Date.now(), updatedAt: Date.now(), deleted: false });
    }
    // A classmate's note on a paragraph that will go, for the instructor to re-attach.
    const classmate = joinRoom(h.app.baseUrl, ben!, `doc:${course.id}:${documentId}`);
    await eventually('classmate synced', () => classmate.sync.provider.synced);
    const rumour = V1.indexOf('by the many ruir.ors');
    addNote(classmate.doc, ben!.id, { id: 'bens', kind: 'note', parentId: null, parentAuthorId: null, body: 'Ben on rumours.', tags: [], selectors: describePassage(V1, rumour, rumour + 20), documentVersion: 1, createdAt: Date.now(), updatedAt: Date.now(), deleted: false });
    // Her evidence link and her timeline event, on the paragraph that will go.
    const end = (source: string, text: string, phrase: string): LinkEnd => {
      const at = text.indexOf(phrase);
      const d = describePassage(text, at, at + phrase.length);
      return { source, version: 1, selector: [d.position, d.quote] };
    };
    const compare = joinRoom(h.app.baseUrl, ana!, `compare:${course.id}`);
    await eventually('compare synced', () => compare.sync.provider.synced);
    const cableText = 'Today, 22 September, a meeting was held.\n\nCde. Kim Il Sung passed us the draft.\n';
    addLink(compare.doc, ana!.id, linkEntry({ id: 'exile-link', relation: 'parallels', comment: 'Both sent away.', ends: [end(documentId, V1, 'were sent away from Moscow'), end(cable, cableText, 'a meeting was held')] }));
    const when = parseEventDate('July 1957');
    if (!when.ok) throw new Error(when.error);
    addTimelineEvent(compare.doc, ana!.id, { id: 'exile', label: 'Sent away', when: when.value, caseId: cases[0]!.id, people: [], target: [end(documentId, V1, 'were sent away from Moscow')] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    writer.destroy();
    compare.destroy();
    classmate.destroy();

    // The instructor: from the source's page to its editor, the preview, and the confirmation.
    const teacher = await openSignedIn(h.browser, h.app.baseUrl, instructor);
    await teacher.page.goto(`${h.app.baseUrl}/c/${course.id}/d/${documentId}`);
    await teacher.page.getByRole('link', { name: /Correct the text/ }).click();
    const editor = teacher.page.getByLabel('Text of version 2');
    expect(await editor.inputValue()).toBe(V1);
    await editor.fill(V2);
    await teacher.page.getByRole('button', { name: 'Preview changes' }).click();
    const table = teacher.page.getByRole('table', { name: /Where the class’s work would be/ });
    await table.waitFor();
    //                                          exact moved fuzzy review orphan
    expect(await table.getByRole('row', { name: /^Notes/ }).getByRole('cell').allTextContents()).toEqual(['0', '1', '0', '1', '2']);
    expect(await table.getByRole('row', { name: /^Evidence link ends/ }).getByRole('cell').allTextContents()).toEqual(['0', '0', '0', '0', '1']);
    expect(await table.getByRole('row', { name: /^Timeline events/ }).getByRole('cell').allTextContents()).toEqual(['0', '0', '0', '0', '1']);
    await teacher.page.getByText('1 paragraph edited, 2 removed, 1 added; 1 unchanged.').waitFor();
    await teacher.page.getByRole('button', { name: 'Publish version 2' }).click();
    const confirm = teacher.page.getByRole('dialog', { name: 'Publish version 2?' });
    await confirm.getByText('5 notes, link ends or events will not be placed').waitFor();
    await confirm.getByRole('button', { name: 'Publish version 2' }).click();
    await teacher.page.waitForURL(/\?published=2$/);
    await teacher.page.getByText('Version 2 of 2').first().waitFor();
    // The instructor re-attaches the classmate's orphan (not Ana's: hers waits for her).
    const teacherOrphans = teacher.page.getByRole('region', { name: 'Notes whose passage was not found' });
    await teacherOrphans.locator('.unplaced-note', { hasText: 'Ben on rumours.' }).getByRole('button', { name: 'Re-attach to a new selection…' }).click();
    await teacher.page.getByRole('status').filter({ hasText: 'Select the passage Ben’s note' }).waitFor();
    await selectPhrase(teacher.page, 'had its antecedents');
    await teacher.page.getByRole('button', { name: /^Attach “.*” here$/ }).click();
    await teacherOrphans.locator('.unplaced-note', { hasText: 'Ben on rumours.' }).waitFor({ state: 'detached' });

    // The author: each note not placed, re-attached (one to a new selection, one where its words recur).
    const author = await openSignedIn(h.browser, h.app.baseUrl, ana!);
    await author.page.goto(`${h.app.baseUrl}/c/${course.id}/d/${documentId}`);
    const orphans = author.page.getByRole('region', { name: 'Notes whose passage was not found' });
    await orphans.getByRole('button', { name: 'Re-attach to a new selection…' }).click();
    await author.page.getByRole('status').filter({ hasText: 'Select the passage your note' }).waitFor();
    await selectPhrase(author.page, 'antecedents in the struggle for power');
    await author.page.getByRole('button', { name: /^Attach “.*” here$/ }).click();
    await orphans.waitFor({ state: 'detached' });
    const toCheck = author.page.getByRole('region', { name: 'Notes whose passage may have moved' });
    await toCheck.getByRole('button', { name: 'Keep it at ¶ 3' }).click();
    await toCheck.waitFor({ state: 'detached' });

    // Her link's end, from the notice above the text; her event, from the margin.
    await author.page.locator('.orphan-links').getByRole('button', { name: 'Re-attach to a new selection…' }).click();
    await selectPhrase(author.page, 'Preface added by the editor');
    await author.page.getByRole('button', { name: /^Attach “.*” here$/ }).click();
    await author.page.locator('.orphan-links').waitFor({ state: 'detached' });
    await author.page.locator('#b1 .link-badge').waitFor();
    const events = author.page.getByRole('region', { name: 'On the timeline' });
    await events.getByRole('button', { name: 're-attach' }).click();
    await selectPhrase(author.page, 'deeply involved in this struggle');
    await author.page.getByRole('button', { name: /^Attach “.*” here$/ }).click();
    await events.getByRole('link', { name: '¶ 3' }).waitFor();

    // A classmate, later, finds them all in place.
    const reader = await openSignedIn(h.browser, h.app.baseUrl, ben!);
    await reader.page.goto(`${h.app.baseUrl}/c/${course.id}/d/${documentId}`);
    const highlight = async (body: string) => {
      await reader.page.locator('.note-card').filter({ hasText: body }).click();
      await reader.page.locator('.note-card.focused').filter({ hasText: body }).waitFor();
      return (await highlighted(reader.page, 'hl-focused')).join('');
    };
    expect(await highlight('Rumours as sources?')).toBe('antecedents in the struggle for power');
    expect(await highlight('Where did they go?')).toBe('Molotov and Kaganovich');
    expect(await highlight('Ben on rumours.')).toBe('had its antecedents');
    expect(await reader.page.locator('.orphans, .orphan-links').count()).toBe(0);
    await reader.page.locator('#b1 .link-badge').waitFor();
    await Promise.all([teacher.context.close(), author.context.close(), reader.context.close()]);
  });
});
