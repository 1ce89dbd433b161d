import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssignment, publishAssignment } from '../../db/queries/assignments';
import { describePassage } from '~/lib/anchoring/selectors';
import type { NoteEntry } from '~/lib/notes/model';
import type { createSeminar } from '../helpers/fixtures';
import { eventually, trackedClients } from '../helpers/sync-clients';
import { seminarWithTwoSources } from '../helpers/two-sources';
import { e2eHarness, openSignedIn, selectPhrase } from './browser';

const h = e2eHarness();
const clients = trackedClients();
let seminar: Awaited<ReturnType<typeof createSeminar>>;
let memo: string;
let cable: string;
const MEMO_TEXT = Array.from({ length: 80 }, (_, i) => `Clause ${i + 1}. The Presidium heard the report, debated it at length and voted against the First Secretary.`).join('\n\n') + '\n';

beforeAll(async () => {
  ({ seminar, memo, cable } = await seminarWithTwoSources());
  const id = await createAssignment({
    courseId: seminar.course.id,
    createdBy: seminar.instructor.id,
    assignment: {
      title: 'Two presidiums', prompt: 'Link a passage of each case.', kind: 'compare', opensAt: new Date(Date.now() - 3_600_000), dueAt: new Date(Date.now() + 86_400_000),
      minNotes: 0, minReplies: 0, minLinks: 1, minMatrixEntries: 0, responseRequired: false, minWords: 0, peerGate: true,
      documents: [{ documentId: memo, focusBlocks: [] }, { documentId: cable, focusBlocks: [] }],
    },
  });
  await publishAssignment({ courseId: seminar.course.id, id }, seminar.instructor.id);
  // Ben's note on clause 3 of the memo, written before Ana arrives.
  const ben = seminar.students[1]!;
  const room = clients.join(h.app.baseUrl, ben, `doc:${seminar.course.id}:${memo}`);
  await eventually('synced', () => room.sync.provider.synced);
  const at = MEMO_TEXT.indexOf('Clause 3.');
  const note: NoteEntry = { id: 'ben-3', kind: 'note', parentId: null, parentAuthorId: null, body: 'Ben on clause three', tags: [], selectors: describePassage(MEMO_TEXT, at, at + 9), documentVersion: 1, createdAt: Date.now(), updatedAt: Date.now(), deleted: false };
  room.doc.getMap(`u:${ben.id}`).set(note.id, JSON.stringify(note));
  await eventually('stored', () => room.sync.provider.synced && room.doc.getMap(`u:${ben.id}`).has('ben-3'));
});

afterAll(() => clients.destroyAll());

describe('compare first, then see the class', () => {
  it('shows a student only their own work and the instructor’s until they link the cases, then the class’s, without a reload', async () => {
    const { page } = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, { viewport: { width: 1366, height: 800 } });
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/compare?left=${memo}&right=${cable}#left-b3`);
    await expect.poll(() => page.locator('[data-sync="ready"]').count()).toBe(2);
    await page.getByRole('note').filter({ hasText: 'Compare first, then see the class.' }).waitFor();
    await page.getByText('you have 0').waitFor();
    // Ben's note is nowhere on her page, not even once the rooms have arrived.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await page.locator('.note-card', { hasText: 'Ben on clause three' }).count()).toBe(0);
    expect(await page.content()).not.toContain('Ben on clause three');

    // She links a clause of the memo to a point of the cable…
    await selectPhrase(page, 'Clause 4. The Presidium heard the report');
    await page.locator('[data-side="left"]').getByRole('button', { name: /^Link…/ }).click();
    await selectPhrase(page, 'Point 2. The delegation met the chairman');
    await page.locator('[data-side="right"]').getByRole('button', { name: /^Link here/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Link these passages' });
    await dialog.getByRole('button', { name: 'Save link' }).click();
    await dialog.waitFor({ state: 'detached' });
    // …and the class's work arrives: Ben's note on clause 3, in the memo's margin.
    await page.locator('.note-card', { hasText: 'Ben on clause three' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('[data-sync="ready"]').count(), { timeout: 20_000 }).toBe(2);
    // The page says so at once: the notice to compare first is gone without her reloading.
    await expect.poll(() => page.getByText('Compare first, then see the class.').count(), { timeout: 10_000 }).toBe(0);
    // The reader now shows the class as well, and no longer says to compare first.
    await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/d/${memo}#b3`);
    await page.locator('.note-card', { hasText: 'Ben on clause three' }).waitFor();
    expect(await page.getByText('Compare first, then see the class.').count()).toBe(0);
  });
});
