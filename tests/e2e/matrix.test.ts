import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { createSeminar } from '../helpers/fixtures';
import { seminarWithTwoSources } from '../helpers/two-sources';
import { e2eHarness, openSignedIn, selectPhrase, seriousViolations } from './browser';

const h = e2eHarness();
let seminar: Awaited<ReturnType<typeof createSeminar>>;
let memo: string;
let cable: string;
beforeAll(async () => {
  ({ seminar, memo: memo, cable: cable } = await seminarWithTwoSources());
});

const matrixPath = () => `/c/${seminar.course.id}/compare`;
const laptop = { viewport: { width: 1366, height: 800 } };

async function openMatrix(page: Page) {
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(h.app.baseUrl + matrixPath());
  await page.locator('.matrix table, .matrix .empty').first().waitFor({ timeout: 10_000 });
}

/** The cell of a row (by its theme) and a case's column. */
const cell = (page: Page, theme: string, column: 0 | 1) => page.locator('.matrix-table tbody tr', { has: page.locator('th', { hasText: theme }) }).locator('td').nth(column);

describe('the comparison matrix', () => {
  it('the instructor seeds and locks rows; a student cites a passage from the compare view; a classmate watches it arrive, live, and follows its citation', async () => {
    const [ana, ben] = seminar.students as [(typeof seminar.students)[0], (typeof seminar.students)[0]];
    const b = await openSignedIn(h.browser, h.app.baseUrl, ben, laptop);
    await openMatrix(b.page);
    await b.page.getByText('The matrix has no rows yet: your instructor adds the themes').waitFor();
    expect(await b.page.getByRole('button', { name: 'Add row' }).count()).toBe(0);

    const t = await openSignedIn(h.browser, h.app.baseUrl, seminar.instructor, laptop);
    await openMatrix(t.page);
    // Every problem at once, then the rows.
    await t.page.getByLabel('Theme').fill('');
    await t.page.getByRole('button', { name: 'Add row' }).click();
    await t.page.getByRole('alert').filter({ hasText: 'Name the theme.' }).waitFor();
    for (const [theme, prompt] of [
      ['Who moved against the leader', 'Name them, with a passage.'],
      ['Charges brought', ''],
      ['Foreign patrons', ''],
    ]) {
      await t.page.getByLabel('Theme', { exact: true }).fill(theme!);
      await t.page.getByLabel('Prompt for its cells (optional)').fill(prompt!);
      await t.page.getByRole('button', { name: 'Add row' }).click();
      await t.page.locator('.matrix-table th', { hasText: theme }).waitFor();
    }
    await t.page.getByRole('button', { name: 'Move “Foreign patrons” up' }).click();
    await t.page.getByRole('group', { name: 'Row “Charges brought”' }).getByRole('button', { name: 'Lock' }).click();

    // Ben sees the rows arrive live, in their order, the locked one without "Add evidence…".
    await expect.poll(() => b.page.locator('.matrix-table .row-title').allTextContents(), { timeout: 10_000 }).toEqual(['Who moved against the leader', 'Foreign patrons', 'Charges brought']);
    await cell(b.page, 'Charges brought', 0).getByText('Locked').or(b.page.locator('tr', { hasText: 'Charges brought' }).getByText('Locked')).first().waitFor();
    expect(await cell(b.page, 'Charges brought', 0).getByRole('button', { name: /Add evidence/ }).count()).toBe(0);
    await cell(b.page, 'Who moved against the leader', 0).getByText('Name them, with a passage.').waitFor();

    // Ana, in the compare view at ¶ 12 of the memo, cites a passage.
    const a = await openSignedIn(h.browser, h.app.baseUrl, ana, laptop);
    await a.page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/compare?left=${memo}&right=${cable}#left-b12`);
    await expect.poll(() => a.page.locator('[data-sync="ready"]').count()).toBe(2);
    await selectPhrase(a.page, 'Clause 12. The Presidium heard the report');
    await a.page.locator('[data-side="left"]').getByRole('button', { name: 'Add to matrix…' }).click();
    const dialog = a.page.getByRole('dialog', { name: 'Add to the matrix' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Column').locator('option:checked').textContent()).toBe(seminar.cases[0]!.title);
    expect(await dialog.getByRole('option', { name: 'Charges brought (locked)' }).isDisabled()).toBe(true);
    // While she writes, Ben sees who is adding to that cell.
    await cell(b.page, 'Who moved against the leader', 0).getByText(`${ana.name} is adding here…`).waitFor({ timeout: 10_000 });
    await dialog.getByRole('button', { name: 'Add to matrix' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Write the claim this evidence supports' }).waitFor();
    await dialog.getByLabel(/^Claim/).fill('The Presidium majority voted the First Secretary down.');
    await dialog.getByRole('button', { name: 'Add to matrix' }).click();
    await dialog.waitFor({ state: 'detached' });

    const entry = cell(b.page, 'Who moved against the leader', 0).locator('.matrix-entry', { hasText: 'The Presidium majority voted the First Secretary down.' });
    await entry.waitFor({ timeout: 10_000 });
    expect(await entry.locator('.citation a').textContent()).toBe('Purge memo ¶ 12');
    expect(await entry.locator('.citation q').textContent()).toBe('Clause 12. The Presidium heard the report');
    expect(await entry.locator('.meta').textContent()).toContain(ana.name);
    await expect.poll(() => cell(b.page, 'Who moved against the leader', 0).locator('.cell-editors').count(), { timeout: 10_000 }).toBe(0);
    // Ben has no Edit or Delete on Ana's entry; she has both.
    expect(await entry.getByRole('button', { name: 'Delete' }).count()).toBe(0);

    // Following the citation opens the memo at ¶ 12.
    await entry.locator('.citation a').click();
    await b.page.waitForURL(`**/d/${memo}#b12`);
    await expect
      .poll(() => b.page.evaluate(() => document.getElementById('b12')?.getBoundingClientRect().top ?? -1), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(0);
    expect(await b.page.evaluate(() => document.getElementById('b12')!.getBoundingClientRect().top)).toBeLessThan(400);
  });

  it('cites a class link from a cell with the keyboard alone, and a deleted row keeps its entries until restored', async () => {
    const [, ben] = seminar.students as [(typeof seminar.students)[0], (typeof seminar.students)[0]];
    // Ben links two passages first (Alt+L, Alt+O, Alt+L).
    const b = await openSignedIn(h.browser, h.app.baseUrl, ben, laptop);
    await b.page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/compare?left=${memo}&right=${cable}#left-b30`);
    await expect.poll(() => b.page.locator('[data-sync="ready"]').count()).toBe(2);
    await b.page.locator('#left-b30 .block-number').focus();
    await b.page.keyboard.press('Alt+KeyL');
    await b.page.getByRole('status').filter({ hasText: 'Linking from Purge memo ¶ 30' }).waitFor();
    await b.page.keyboard.press('Alt+KeyO');
    await expect.poll(() => b.page.evaluate(() => document.activeElement?.closest('.compare-side')?.getAttribute('data-side'))).toBe('right');
    await b.page.keyboard.press('Alt+KeyL');
    const linkDialog = b.page.getByRole('dialog', { name: 'Link these passages' });
    await linkDialog.getByRole('button', { name: 'Save link' }).click();
    await b.page.locator('#left-b30 .link-badge').waitFor();

    await openMatrix(b.page);
    await b.page.getByRole('button', { name: `Add evidence to “Foreign patrons”, ${seminar.cases[1]!.title}` }).focus();
    await b.page.keyboard.press('Enter');
    const choose = b.page.getByRole('dialog', { name: 'Add evidence' });
    await choose.waitFor();
    // The dialog opens on the first link's radio: Space chooses it, Tab goes to Next.
    await expect.poll(() => b.page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('radio');
    await b.page.keyboard.press('Space');
    await b.page.keyboard.press('Tab');
    await b.page.keyboard.press('Enter');
    const dialog = b.page.getByRole('dialog', { name: 'Add to the matrix' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Row').locator('option:checked').textContent()).toBe('Foreign patrons');
    await dialog.getByLabel(/^Claim/).focus();
    await b.page.keyboard.type('Both sides appealed beyond the room.');
    await b.page.keyboard.press('Tab'); // the counter is text; the next stop is the button
    await b.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const entry = cell(b.page, 'Foreign patrons', 1).locator('.matrix-entry', { hasText: 'Both sides appealed beyond the room.' });
    await entry.waitFor();
    expect(await entry.locator('.citation a').allTextContents()).toEqual(['Purge memo ¶ 30', 'Embassy cable ¶ 1']);

    // The instructor deletes the row after confirming; it comes back, with its entry.
    const t = await openSignedIn(h.browser, h.app.baseUrl, seminar.instructor, laptop);
    await openMatrix(t.page);
    await t.page.getByRole('group', { name: 'Row “Foreign patrons”' }).getByRole('button', { name: 'Delete' }).click();
    const confirm = t.page.getByRole('dialog', { name: 'Delete the row “Foreign patrons”?' });
    await confirm.getByText('Its 1 entries are kept').waitFor();
    await confirm.getByRole('button', { name: 'Delete row' }).click();
    await b.page.locator('.matrix-table th', { hasText: 'Foreign patrons' }).waitFor({ state: 'detached', timeout: 10_000 });
    await t.page.getByText('Deleted rows (1)').click();
    await t.page.getByRole('button', { name: 'Restore' }).click();
    await cell(b.page, 'Foreign patrons', 1).locator('.matrix-entry', { hasText: 'Both sides appealed beyond the room.' }).waitFor({ timeout: 10_000 });
    // Its author deletes it, after confirming (and can change their mind).
    const restored = cell(b.page, 'Foreign patrons', 1).locator('.matrix-entry', { hasText: 'Both sides appealed beyond the room.' });
    await restored.getByRole('button', { name: 'Delete' }).click();
    const sure = b.page.getByRole('dialog', { name: 'Delete this entry?' });
    await sure.getByRole('button', { name: 'Cancel' }).click();
    expect(await restored.count()).toBe(1);
    await restored.getByRole('button', { name: 'Delete' }).click();
    await sure.getByRole('button', { name: 'Delete' }).click();
    await cell(t.page, 'Foreign patrons', 1).locator('.matrix-entry').waitFor({ state: 'detached', timeout: 10_000 });

    // A note is cited from its card, with its passage.
    await b.page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/d/${memo}#b5`);
    await b.page.locator('[data-sync="ready"]').first().waitFor();
    await selectPhrase(b.page, 'Clause 5. The Presidium heard the report');
    await b.page.getByRole('button', { name: /^Annotate/ }).click();
    await b.page.getByLabel('Your note').fill('The Presidium hears first, then votes.');
    await b.page.getByRole('button', { name: 'Save note' }).click();
    const card = b.page.locator('.note-card', { hasText: 'The Presidium hears first, then votes.' });
    await card.getByRole('button', { name: 'Add to matrix…' }).click();
    const fromNote = b.page.getByRole('dialog', { name: 'Add to the matrix' });
    await fromNote.getByText('Purge memo ¶ 5').waitFor();
    await fromNote.getByLabel(/^Claim/).fill('The report came before the vote.');
    await fromNote.getByRole('button', { name: 'Add to matrix' }).click();
    await fromNote.waitFor({ state: 'detached' });
    const cited = cell(t.page, 'Who moved against the leader', 0).locator('.matrix-entry', { hasText: 'The report came before the vote.' });
    await cited.waitFor({ timeout: 10_000 });
    expect(await cited.locator('.citation').first().textContent()).toContain('Purge memo ¶ 5 · from a note');
  });

  it('takes evidence dragged from the compare view onto a cell: a note by its header, a selected passage, a link by its badge', async () => {
    const a = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, laptop);
    a.page.on('pageerror', (error) => {
      throw error;
    });
    await a.page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/compare?left=${memo}&right=${cable}#left-b5`);
    await expect.poll(() => a.page.locator('[data-sync="ready"]').count()).toBe(2);
    const strip = a.page.getByRole('region', { name: 'Drop on a cell of the matrix' });
    const dialog = a.page.getByRole('dialog', { name: 'Add to the matrix' });
    const middle = (box: { x: number; y: number; width: number; height: number }) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
    // Where a thing is once the margin has stopped placing cards (under a loaded CI, a card measured while it
    // was still moving was grabbed by the text beside it, and no drag began).
    async function steadyMiddle(locator: Locator) {
      let last = '';
      for (;;) {
        const box = (await locator.boundingBox())!;
        if (JSON.stringify(box) === last) return middle(box);
        last = JSON.stringify(box);
        await a.page.waitForTimeout(150);
      }
    }
    async function drag(from: { x: number; y: number }, theme: string, column: 0 | 1) {
      await a.page.mouse.move(from.x, from.y);
      await a.page.mouse.down();
      await a.page.mouse.move(from.x + 15, from.y + 15, { steps: 5 });
      const target = strip.getByRole('cell', { name: `${theme}, ${seminar.cases[column]!.title}` });
      await target.waitFor();
      // Only the rows that take entries: not the locked one.
      expect(await strip.getByRole('rowheader').allTextContents()).toEqual(['Who moved against the leader', 'Foreign patrons']);
      const to = middle((await target.boundingBox())!);
      await a.page.mouse.move(to.x, to.y, { steps: 10 });
      await a.page.mouse.up();
      await dialog.waitFor();
      await strip.waitFor({ state: 'detached' });
      expect(await dialog.getByLabel('Row').locator('option:checked').textContent()).toBe(theme);
      expect(await dialog.getByLabel('Column').locator('option:checked').textContent()).toBe(seminar.cases[column]!.title);
    }

    // A classmate's note, by its card's header.
    const header = a.page.locator('[data-side="left"] .note-card', { hasText: 'The Presidium hears first, then votes.' }).locator('header');
    await drag(await steadyMiddle(header), 'Foreign patrons', 1);
    await dialog.getByText('Purge memo ¶ 5').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    // A selected passage.
    await selectPhrase(a.page, 'Clause 6. The Presidium heard the report');
    const selection = await a.page.evaluate(() => {
      const r = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    await drag(selection, 'Who moved against the leader', 0);
    await dialog.getByText('Purge memo ¶ 6').waitFor();
    await dialog.getByLabel(/^Claim/).fill('Dragged in: the report again.');
    await dialog.getByRole('button', { name: 'Add to matrix' }).click();
    await dialog.waitFor({ state: 'detached' });

    // A class link, by its badge.
    await a.page.locator('#left-b30').scrollIntoViewIfNeeded();
    const badge = a.page.locator('#left-b30 .link-badge').first();
    await drag(await steadyMiddle(badge), 'Foreign patrons', 0);
    expect(await dialog.locator('.link-ends li').count()).toBe(2);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await openMatrix(a.page);
    const entry = cell(a.page, 'Who moved against the leader', 0).locator('.matrix-entry', { hasText: 'Dragged in: the report again.' });
    await entry.waitFor();
    expect(await entry.locator('.citation a').textContent()).toBe('Purge memo ¶ 6');
    await a.context.close();
  });

  it('students propose rows once the instructor allows it; the instructor accepts one, and the student sees what became of it', async () => {
    const [ana] = seminar.students;
    const a = await openSignedIn(h.browser, h.app.baseUrl, ana!, laptop);
    await openMatrix(a.page);
    expect(await a.page.getByRole('heading', { name: 'Propose a row' }).count()).toBe(0);
    const t = await openSignedIn(h.browser, h.app.baseUrl, seminar.instructor, laptop);
    await openMatrix(t.page);
    await t.page.getByLabel('Students may propose rows').check();
    await a.page.getByRole('heading', { name: 'Propose a row' }).waitFor({ timeout: 10_000 });
    await a.page.getByLabel('Theme', { exact: true }).fill('Economic policy');
    await a.page.getByRole('button', { name: 'Propose row' }).click();
    await a.page.getByText('Economic policy · waiting for your instructors').waitFor();
    await t.page.getByRole('button', { name: 'Accept “Economic policy” as a row' }).click({ timeout: 10_000 });
    await a.page.locator('.matrix-table .row-title', { hasText: 'Economic policy' }).waitFor({ timeout: 10_000 });
    await a.page.getByText('Economic policy · accepted as “Economic policy”').waitFor();
  });

  it('exports as CSV and Markdown with citations, and lays out as cards on a phone; axe finds no serious violation', async () => {
    const t = await openSignedIn(h.browser, h.app.baseUrl, seminar.instructor, laptop);
    const csv = await t.page.request.get(`${h.app.baseUrl}${matrixPath()}/export?format=csv`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\n')[0]).toBe('Theme,Case,Claim,Cited passage,Quote,Second passage,Second quote,Evidence,Author,Added,Hidden');
    expect(text).toContain(`Who moved against the leader,"${seminar.cases[0]!.title}",The Presidium majority voted the First Secretary down.,Purge memo ¶ 12,Clause 12. The Presidium heard the report`);
    const md = await (await t.page.request.get(`${h.app.baseUrl}${matrixPath()}/export?format=md`)).text();
    expect(md).toContain('## Who moved against the leader');
    expect(md).toContain('- **The Presidium majority voted the First Secretary down.** “Clause 12. The Presidium heard the report” (Purge memo ¶ 12).');
    expect((await t.page.request.get(`${h.app.baseUrl}${matrixPath()}/export?format=xls`)).status()).toBe(400);

    const { page } = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, laptop);
    await openMatrix(page);
    await page.locator('.matrix-entry').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const phone = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, { viewport: { width: 390, height: 844 } });
    await openMatrix(phone.page);
    await phone.page.locator('.matrix-entry').first().waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await phone.page.locator('.cell-case').first().isVisible()).toBe(true);
  });
});
