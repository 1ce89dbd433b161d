import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { describePassage } from '~/lib/anchoring/selectors';
import { addNote } from '~/lib/notes/model';
import { createSeminar } from '../helpers/fixtures';
import { eventually, joinRoom } from '../helpers/sync-clients';
import { sql } from '../../db/sql';
import { e2eHarness, openSignedIn } from './browser';

const h = e2eHarness();

describe('exporting', () => {
  it('a student exports their notes on a source as Markdown from the reader, and the page says how far it got', async () => {
    const { course, students: [ana], documentId } = await createSeminar();
    const [text] = await sql<{ body: string }[]>`SELECT body FROM document_versions WHERE document_id = ${documentId} AND version = 1`;
    const writer = joinRoom(h.app.baseUrl, ana!, `doc:${course.id}:${documentId}`);
    await eventually('synced', () => writer.sync.provider.synced);
    const phrase = 'a meeting was held';
    const at = text!.body.indexOf(phrase);
    addNote(writer.doc, ana!.id, { id: 'n1', kind: 'note', parentId: null, parentAuthorId: null, body: 'Who called it?', tags: [], selectors: describePassage(text!.body, at, at + phrase.length), documentVersion: 1, createdAt: Date.now(), updatedAt: Date.now(), deleted: false });
    await eventually('projected', async () => (await sql`SELECT 1 FROM notes WHERE course_id = ${course.id}`).length === 1);
    writer.destroy();

    const { context, page } = await openSignedIn(h.browser, h.app.baseUrl, ana!);
    await page.goto(`${h.app.baseUrl}/c/${course.id}/d/${documentId}`);
    await page.getByRole('link', { name: 'Export notes…' }).click();
    // The source is chosen already; a student exports only their own work.
    expect(await page.getByLabel('Sources').inputValue()).toBe(documentId);
    expect(await page.getByRole('radio', { name: /whole class/ }).count()).toBe(0);
    await page.getByRole('radio', { name: /Markdown/ }).check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
    await page.getByRole('status').filter({ hasText: 'Exported 1 item.' }).waitFor();
    expect(download.suggestedFilename()).toMatch(/-cable-my-notes\.md$/);
    const saved = await readFile((await download.path())!, 'utf8');
    expect(saved).toContain('> a meeting was held');
    expect(saved).toContain('Who called it?');
    await context.close();
  });
});
