import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { createSeminar } from '../helpers/fixtures';
import { endOfPassage, addLink, linkEntry, type LinkEnd } from '~/lib/compare/links';
import { importDocument } from '~/lib/sources/import.server';
import { eventually, trackedClients } from '../helpers/sync-clients';
import { seminarWithTwoSources } from '../helpers/two-sources';
import { e2eHarness, highlighted, openSignedIn, selectPhrase, seriousViolations } from './browser';

const h = e2eHarness();
const clients = trackedClients();
let seminar: Awaited<ReturnType<typeof createSeminar>>;
let left: string;
let right: string;
beforeAll(async () => {
  ({ seminar, memo: left, cable: right } = await seminarWithTwoSources());
});

const comparePath = (l = left, r = right) => `/c/${seminar.course.id}/compare?left=${l}&right=${r}`;

async function openCompare(page: Page, path: string) {
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(h.app.baseUrl + path);
  await expect.poll(() => page.locator('[data-sync="ready"]').count()).toBe(2);
}

/** Where a block is within its side's scrolling area (its top, from the area's top below the side's header), and the side's scroll. */
const placeOf = (page: Page, id: string) =>
  page.evaluate((id) => {
    const block = document.getElementById(id)!;
    const side = block.closest<HTMLElement>('.compare-side')!;
    const header = side.querySelector<HTMLElement>('.side-header')!.offsetHeight;
    return { top: block.getBoundingClientRect().top - side.getBoundingClientRect().top - header, scrollTop: side.scrollTop, marked: block.classList.contains('marked') };
  }, id);

describe('the compare view', () => {
  it('opens at the linked passage, shows a classmate’s note live on its side, annotates mid-source in place, and moves between sides from the keyboard', async () => {
    const [ana, ben] = seminar.students as [(typeof seminar.students)[0], (typeof seminar.students)[0]];
    const a = await openSignedIn(h.browser, h.app.baseUrl, ana, { viewport: { width: 1366, height: 800 } });
    await openCompare(a.page, `${comparePath()}#left-b40`);
    // The left side at ¶ 40, marked; the right side at its top; the window itself does not scroll.
    const at40 = await placeOf(a.page, 'left-b40');
    expect(at40.marked).toBe(true);
    expect(at40.scrollTop).toBeGreaterThan(1000);
    expect(Math.abs(at40.top)).toBeLessThan(80);
    expect((await placeOf(a.page, 'right-b1')).scrollTop).toBe(0);
    expect(await a.page.evaluate(() => window.scrollY)).toBe(0);

    // Ben, in the single reader of the cable, notes a passage: it appears on Ana's right side only.
    const b = await openSignedIn(h.browser, h.app.baseUrl, ben);
    await b.page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/d/${right}`);
    await b.page.locator('[data-sync="ready"]').waitFor();
    await selectPhrase(b.page, 'Point 2. The delegation met the chairman');
    await b.page.getByRole('button', { name: /Annotate/ }).click();
    await b.page.getByLabel('Your note').fill('Compare with the Presidium vote.');
    await b.page.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(() => highlighted(a.page, 'right-hl-class'), { timeout: 10_000 }).toContain('Point 2. The delegation met the chairman');
    expect(await highlighted(a.page, 'left-hl-class')).not.toContain('Point 2. The delegation met the chairman');
    await a.page.locator('[data-side="right"] .note-card').filter({ hasText: 'Compare with the Presidium vote.' }).waitFor();

    // Ana annotates ¶ 40 of the left side where she is: the side keeps its place, the card is beside it.
    const before = (await placeOf(a.page, 'left-b40')).scrollTop;
    await selectPhrase(a.page, 'Clause 40. The Presidium heard the report');
    await a.page.locator('[data-side="left"]').getByRole('button', { name: /Annotate/ }).click();
    const editor = a.page.locator('[data-side="left"]').getByRole('form', { name: 'Note editor' });
    await editor.getByLabel('Your note').fill('The vote against Khrushchev, as in Pyongyang?');
    await editor.getByRole('button', { name: 'Save note' }).click();
    const saved = a.page.locator('[data-side="left"] .note-card').filter({ hasText: 'The vote against Khrushchev' });
    await saved.waitFor();
    expect(Math.abs((await placeOf(a.page, 'left-b40')).scrollTop - before)).toBeLessThan(300);
    const box = (await saved.boundingBox())!;
    expect(box.y).toBeGreaterThan(0);
    expect(box.y).toBeLessThan(800);

    // Alt+O: from the left side to the ¶ at the top of the right side, and back.
    await a.page.locator('#left-b40 .block-number').focus();
    await a.page.keyboard.press('Alt+KeyO');
    await expect.poll(() => a.page.evaluate(() => document.activeElement?.closest('.compare-side')?.getAttribute('data-side'))).toBe('right');
    expect(await a.page.evaluate(() => document.activeElement?.classList.contains('block-number'))).toBe(true);
    await a.page.keyboard.press('Alt+KeyO');
    await expect.poll(() => a.page.evaluate(() => document.activeElement?.closest('.compare-side')?.getAttribute('data-side'))).toBe('left');

    await a.context.close();
    await b.context.close();
  });

  it('keeps both sides’ places in the URL: a reload opens them there, and Swap carries them across', async () => {
    const { context, page } = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, { viewport: { width: 1366, height: 800 } });
    await openCompare(page, comparePath());
    await page.evaluate(() => {
      document.getElementById('left-b60')!.scrollIntoView({ block: 'start' });
      document.getElementById('right-b25')!.scrollIntoView({ block: 'start' });
    });
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: 5_000 }).toMatch(/^#left-b(59|60),right-b(24|25)$/);
    const hash = await page.evaluate(() => window.location.hash);
    const [, l, r] = /left-b(\d+),right-b(\d+)/.exec(hash)!;
    await page.reload();
    await expect.poll(() => page.locator('[data-sync="ready"]').count()).toBe(2);
    expect(Math.abs((await placeOf(page, `left-b${l}`)).top)).toBeLessThan(80);
    expect(Math.abs((await placeOf(page, `right-b${r}`)).top)).toBeLessThan(80);

    await page.getByRole('link', { name: 'Swap the two sides' }).click();
    await expect.poll(() => page.url()).toContain(`left=${right}&right=${left}`);
    await expect.poll(() => page.locator('[data-side="left"] h2').textContent()).toBe('Embassy cable');
    await expect.poll(() => page.locator('[data-sync="ready"]').count()).toBe(2);
    // Each source is where it was, now on the other side (before: the sides kept their old scroll).
    expect(Math.abs((await placeOf(page, `left-b${r}`)).top)).toBeLessThan(80);
    expect(Math.abs((await placeOf(page, `right-b${l}`)).top)).toBeLessThan(80);
    await page.waitForTimeout(600);
    expect(new URL(page.url()).hash).toBe(`#left-b${r},right-b${l}`);
    await context.close();
  });

  it('opens from the single reader beside another source, at the paragraph the reader was at', async () => {
    const { context, page } = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, { viewport: { width: 1366, height: 800 } });
    await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/d/${left}`);
    await page.locator('[data-sync="ready"]').waitFor();
    await page.evaluate(() => document.getElementById('b30')!.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(100);
    await page.getByLabel('Open beside').selectOption({ label: 'Embassy cable (Pyongyang, 1956)' });
    await page.getByRole('button', { name: 'Open side by side' }).click();
    await expect.poll(() => page.url()).toContain(`/compare?left=${left}&right=${right}#left-b`);
    const at = Number(/#left-b(\d+)/.exec(page.url())![1]);
    expect(Math.abs(at - 30)).toBeLessThanOrEqual(1);
    await expect.poll(() => page.locator('[data-sync="ready"]').count()).toBe(2);
    expect(Math.abs((await placeOf(page, `left-b${at}`)).top)).toBeLessThan(80);
    await context.close();
  });

  it('on a phone, the sides are tabs that keep their own place, with the notes panel on each', async () => {
    const { context, page } = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[1]!, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    await openCompare(page, `${comparePath()}#right-b30`);
    // Only the right side was placed: it opens on the right tab, at ¶ 30.
    await expect.poll(() => page.getByRole('button', { name: 'Embassy cable', exact: true }).getAttribute('aria-pressed')).toBe('true');
    const inView = () => page.evaluate(() => document.getElementById('right-b30')!.getBoundingClientRect().top);
    await expect.poll(inView).toBeLessThan(300);
    expect(await inView()).toBeGreaterThan(-50);
    expect(await page.locator('[data-side="left"]').isVisible()).toBe(false);

    await page.getByRole('button', { name: 'Purge memo', exact: true }).click();
    await page.locator('#left-b1').waitFor({ state: 'visible' });
    expect(await page.locator('[data-side="right"]').isVisible()).toBe(false);
    await page.locator('[data-side="left"]').getByRole('button', { name: /^Notes/ }).click();
    await page.locator('[data-side="left"]').getByRole('button', { name: 'Note on the whole source' }).waitFor({ state: 'visible' });
    await page.locator('[data-side="left"]').getByRole('button', { name: 'Close notes' }).click();

    // Linking deep in a source on a phone: the banner stays in view below the tabs.
    await page.evaluate(() => document.getElementById('left-b40')!.scrollIntoView({ block: 'center' }));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(2000);
    await selectPhrase(page, 'Clause 40. The Presidium heard the report');
    await page.locator('[data-side="left"]').getByRole('button', { name: /^Link…/ }).click();
    const banner = page.getByRole('status').filter({ hasText: 'Linking from Purge memo ¶ 40' });
    await banner.waitFor();
    const box = (await banner.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThan(844 / 2);
    await banner.getByRole('button', { name: 'Cancel' }).click();

    // Back to the cable: where it was.
    await page.getByRole('button', { name: 'Embassy cable', exact: true }).click();
    await expect.poll(inView).toBeLessThan(300);
    expect(await inView()).toBeGreaterThan(-50);
    await context.close();
  });

  it('links two passages across the cases: a classmate sees the badge live in the single reader, follows it, and lands with both passages marked', async () => {
    const [ana, ben] = seminar.students as [(typeof seminar.students)[0], (typeof seminar.students)[0]];
    const b = await openSignedIn(h.browser, h.app.baseUrl, ben, { viewport: { width: 1366, height: 800 } });
    await b.page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/d/${right}#b7`);
    await b.page.locator('[data-sync="ready"]').waitFor();

    const a = await openSignedIn(h.browser, h.app.baseUrl, ana, { viewport: { width: 1366, height: 800 } });
    await openCompare(a.page, `${comparePath()}#left-b12,right-b7`);
    await selectPhrase(a.page, 'Clause 12. The Presidium heard the report');
    await a.page.locator('[data-side="left"]').getByRole('button', { name: /^Link…/ }).click();
    await a.page.getByRole('status').filter({ hasText: 'Linking from Purge memo ¶ 12' }).waitFor();
    // The banner takes its room from the sides: the page itself still does not scroll.
    await expect.poll(() => a.page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(1);
    await selectPhrase(a.page, 'Point 7. The delegation met the chairman');
    await a.page.locator('[data-side="right"]').getByRole('button', { name: /^Link here/ }).click();
    const dialog = a.page.getByRole('dialog', { name: 'Link these passages' });
    await dialog.getByText('This link joins two cases (Moscow, June 1957 and Pyongyang, 1956).').waitFor();
    expect(await dialog.getByLabel('The first passage…').inputValue()).toBe('parallels');
    await dialog.getByLabel('Comment (optional; Markdown)').fill('Both leaders are *outvoted* by their own presidium.');
    await dialog.getByRole('button', { name: 'Save link' }).click();

    // Both ends carry the badge, on both sides of Ana's page…
    await a.page.locator('#left-b12 .link-badge', { hasText: 'parallels · Embassy cable ¶ 7' }).waitFor();
    await a.page.locator('#right-b7 .link-badge', { hasText: 'parallels · Purge memo ¶ 12' }).waitFor();
    // …and live in Ben's single reader of the cable.
    const badge = b.page.locator('#b7 .link-badge', { hasText: 'parallels · Purge memo ¶ 12' });
    await badge.waitFor({ timeout: 10_000 });
    expect(await badge.getAttribute('aria-label')).toBe(`Evidence link: parallels · Purge memo ¶ 12, by ${ana.name}`);

    // Following it opens the compare view with the cable beside the memo, both passages in view and marked.
    await badge.click();
    await expect.poll(() => b.page.url()).toContain(`/compare?left=${right}&right=${left}#left-b7,right-o`);
    await expect.poll(() => b.page.locator('[data-sync="ready"]').count()).toBe(2);
    for (const id of ['left-b7', 'right-b12']) {
      await expect.poll(() => placeOf(b.page, id).then((p) => p.marked)).toBe(true);
      expect(Math.abs((await placeOf(b.page, id)).top)).toBeLessThan(80);
    }

    // In the compare view, a badge whose far end is on the other side scrolls that side there.
    await b.page.evaluate(() => document.querySelector('[data-side="right"]')!.scrollTo({ top: 0 }));
    await b.page.locator('#left-b7 .link-badge').click();
    await expect.poll(() => placeOf(b.page, 'right-b12').then((p) => Math.abs(p.top))).toBeLessThan(80);
    expect(new URL(b.page.url()).pathname).toBe(`/c/${seminar.course.id}/compare`);
  });

  it('links from the keyboard alone: Alt+L on a ¶, Alt+O to the other side, Alt+L, then the dialog', async () => {
    const { page } = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[1]!, { viewport: { width: 1366, height: 800 } });
    await openCompare(page, `${comparePath()}#left-b20`);
    await page.locator('#left-b20 .block-number').focus();
    await page.keyboard.press('Alt+KeyL');
    await page.getByRole('status').filter({ hasText: 'Linking from Purge memo ¶ 20' }).waitFor();
    await page.keyboard.press('Alt+KeyO');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.compare-side')?.getAttribute('data-side'))).toBe('right');
    await page.keyboard.press('Alt+KeyL');
    const dialog = page.getByRole('dialog', { name: 'Link these passages' });
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Typed without a mouse.');
    await page.keyboard.press('Tab'); // Who sees it: Class
    await page.keyboard.press('Tab'); // Save link
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.locator('#left-b20 .link-badge', { hasText: 'parallels · Embassy cable ¶ 1' }).waitFor();
    await page.locator('#right-b1 .link-badge', { hasText: 'parallels · Purge memo ¶ 20' }).waitFor();
  });

  it('links two existing notes: Link… on a card of one side, then Link… on a classmate’s card of the other', async () => {
    const a = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, { viewport: { width: 1366, height: 800 } });
    await openCompare(a.page, `${comparePath()}#left-b40,right-b2`);
    const card = (side: string, text: string) => a.page.locator(`[data-side="${side}"] .note-card`).filter({ hasText: text });
    await card('left', 'The vote against Khrushchev').getByRole('button', { name: 'Link this note’s passage…' }).click();
    await a.page.getByRole('status').filter({ hasText: 'Linking from Purge memo ¶ 40' }).waitFor();
    await card('right', 'Compare with the Presidium vote.').getByRole('button', { name: 'Link this note’s passage…' }).click();
    const dialog = a.page.getByRole('dialog', { name: 'Link these passages' });
    expect(await dialog.locator('blockquote').allTextContents()).toEqual(['Clause 40. The Presidium heard the report', 'Point 2. The delegation met the chairman']);
    await dialog.getByLabel('Only me').check();
    await dialog.getByRole('button', { name: 'Save link' }).click();
    await a.page.locator('#left-b40 .link-badge.private', { hasText: 'parallels · Embassy cable ¶ 2' }).waitFor();
    await a.page.locator('#right-b2 .link-badge.private', { hasText: 'parallels · Purge memo ¶ 40' }).waitFor();
    await a.context.close();
  });

  it('discusses a link: a classmate replies from its badge, its author is told, lands in the discussion and answers live, and takes it to the board', async () => {
    const [ana, ben] = seminar.students as [(typeof seminar.students)[0], (typeof seminar.students)[0]];
    const laptop = { viewport: { width: 1366, height: 800 } };
    const b = await openSignedIn(h.browser, h.app.baseUrl, ben, laptop);
    await b.page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/d/${right}#b7`);
    await b.page.locator('[data-sync="ready"]').waitFor();
    await b.page.locator('#b7').getByRole('button', { name: /^Actions for the link “parallels · Purge memo”/ }).click();
    await b.page.locator('#b7').getByRole('button', { name: 'Discussion…' }).click();
    const bens = b.page.getByRole('dialog', { name: 'parallels' });
    expect(await bens.locator('.link-thread-ends cite').allTextContents()).toEqual(['Purge memo ¶ 12', 'Embassy cable ¶ 7']);
    expect(await bens.locator('.note-body em').textContent()).toBe('outvoted');
    await bens.getByText('Nobody has replied yet.', { exact: false }).waitFor();
    await bens.getByRole('button', { name: 'Send reply' }).click();
    await bens.getByRole('alert').filter({ hasText: 'Write a reply first.' }).waitFor();
    await bens.getByLabel('Your reply').fill('But Kim *won* his plenum.');
    await bens.getByLabel('Your reply').press('Control+Enter');
    await bens.locator('.reply', { hasText: 'But Kim won his plenum.' }).waitFor();
    await bens.getByRole('heading', { name: '1 reply' }).waitFor();
    await b.page.locator('#b7 .link-badge', { hasText: 'parallels · Purge memo ¶ 12 · 1 reply' }).waitFor();

    // Ana hears of it and follows the notification: the compare view, both passages there, the discussion open.
    const a = await openSignedIn(h.browser, h.app.baseUrl, ana, laptop);
    await a.page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/notifications`);
    await a.page.getByRole('link', { name: /replied to your evidence link “parallels”/ }).click();
    const hers = a.page.getByRole('dialog', { name: 'parallels' });
    await hers.locator('.reply', { hasText: 'But Kim won his plenum.' }).waitFor();
    expect(a.page.url()).toContain(`/compare?left=${left}&right=${right}&thread=`);
    for (const id of ['left-b12', 'right-b7']) expect(Math.abs((await placeOf(a.page, id)).top)).toBeLessThan(80);
    await hers.getByLabel('Your reply').fill('Khrushchev won his too: the plenum saved him.');
    await hers.getByRole('button', { name: 'Send reply' }).click();
    await bens.locator('.reply', { hasText: 'Khrushchev won his too' }).waitFor({ timeout: 10_000 });
    await bens.getByRole('heading', { name: '2 replies' }).waitFor();
    expect(await seriousViolations(a.page)).toEqual([]);

    // To the board: a new thread about the link, which leads back to it.
    await hers.getByRole('link', { name: 'Discuss on the board' }).click();
    await a.page.waitForURL(/\/board\?new=1/);
    const about = a.page.getByLabel('About');
    expect(await about.locator('option:checked').textContent()).toBe('↔ parallels: Purge memo ¶ 12 – Embassy cable ¶ 7');
    expect(await about.inputValue()).toContain(`/compare?left=${left}&right=${right}&thread=`);
    await Promise.all([a.context.close(), b.context.close()]);
  });

  it('an instructor hides a link from students; its author edits it, then deletes it after confirming; a classmate may only cite it', async () => {
    const [ana, ben] = seminar.students as [(typeof seminar.students)[0], (typeof seminar.students)[0]];
    const b = await openSignedIn(h.browser, h.app.baseUrl, ben, { viewport: { width: 1366, height: 800 } });
    await b.page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/d/${right}#b7`);
    const bensView = b.page.locator('#b7 .link-badge', { hasText: 'parallels · Purge memo' });
    await bensView.waitFor();
    // Ana's link is not Ben's to change: his menu only cites it in the matrix.
    await b.page.locator('#b7').getByRole('button', { name: /^Actions for the link/ }).click();
    expect(await b.page.locator('#b7 .link-menu button').allTextContents()).toEqual(['Discussion (2)…', 'Add to matrix…']);

    const t = await openSignedIn(h.browser, h.app.baseUrl, seminar.instructor, { viewport: { width: 1366, height: 800 } });
    await openCompare(t.page, `${comparePath()}#left-b12,right-b7`);
    await t.page.locator('#left-b12').getByRole('button', { name: /^Actions for the link “parallels · Embassy cable”/ }).click();
    await t.page.locator('#left-b12').getByRole('button', { name: 'Hide from students' }).click();
    const hide = t.page.getByRole('dialog', { name: 'Hide this link from students?' });
    await hide.getByLabel('Reason (shown to the author)').fill('Cite the paragraph, not the heading.');
    await hide.getByRole('button', { name: 'Hide' }).click();
    await bensView.waitFor({ state: 'detached' });

    const a = await openSignedIn(h.browser, h.app.baseUrl, ana, { viewport: { width: 1366, height: 800 } });
    await openCompare(a.page, `${comparePath()}#left-b12,right-b7`);
    const mine = a.page.locator('#left-b12 .link-badge.hidden-link', { hasText: 'parallels · Embassy cable' });
    await mine.waitFor();
    expect(await mine.getAttribute('title')).toContain('(hidden from students: Cite the paragraph, not the heading.)');
    // Its author edits it: the instructor's page shows the new relation on both passages, live.
    await a.page.locator('#left-b12').getByRole('button', { name: /^Actions for the link/ }).click();
    await a.page.locator('#left-b12').getByRole('button', { name: 'Edit link…' }).click();
    const editing = a.page.getByRole('dialog', { name: 'Edit this link' });
    expect(await editing.getByLabel('Comment (optional; Markdown)').inputValue()).toBe('Both leaders are *outvoted* by their own presidium.');
    await editing.getByLabel('The first passage…').selectOption('contradicts');
    await editing.getByRole('button', { name: 'Save changes' }).click();
    await t.page.locator('#left-b12 .link-badge', { hasText: 'contradicts · Embassy cable' }).waitFor({ timeout: 10_000 });
    await t.page.locator('#right-b7 .link-badge', { hasText: 'contradicts · Purge memo' }).waitFor();
    await a.page.locator('#left-b12').getByRole('button', { name: /^Actions for the link/ }).click();
    await a.page.locator('#left-b12').getByRole('button', { name: 'Delete link' }).click();
    const confirm = a.page.getByRole('dialog', { name: 'Delete this link?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await a.page.locator('#left-b12 .link-badge').count()).toBe(1);
    await a.page.locator('#left-b12').getByRole('button', { name: /^Actions for the link/ }).click();
    await a.page.locator('#left-b12').getByRole('button', { name: 'Delete link' }).click();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await a.page.locator('#left-b12 .link-badge').waitFor({ state: 'detached' });
    await a.page.locator('#right-b7 .link-badge').waitFor({ state: 'detached' });
    await t.page.locator('#left-b12 .link-badge').waitFor({ state: 'detached' });
  });

  it('lists a link whose passage a corrected version dropped above the text, with its old quote, instead of losing it', async () => {
    const [ana] = seminar.students;
    const slug = `orphan-${seminar.course.id}`;
    const meta = { slug, title: 'Draft decree', kind: 'primary' as const, genre: '', date: null, origin: '', textNote: '' };
    const v1 = 'The plenum opened.\n\nMolotov spoke against the First Secretary at length.\n\nThe vote was taken.\n';
    const { documentId } = await importDocument({ meta, text: v1, createdBy: seminar.instructor.id, courseId: seminar.course.id, caseId: seminar.cases[0]!.id });
    const passage = 'Molotov spoke against the First Secretary';
    const at = v1.indexOf(passage);
    const room = clients.join(h.app.baseUrl, ana!, `compare:${seminar.course.id}`);
    await eventually('synced', () => room.sync.provider.synced);
    const far = { source: right, version: 1, selector: [{ type: 'TextPositionSelector', start: 0, end: 8 }, { type: 'TextQuoteSelector', exact: 'Point 1.', prefix: '', suffix: ' The' }] } as LinkEnd;
    addLink(room.doc, ana!.id, linkEntry({ id: 'orphaned', relation: 'parallels', comment: '', ends: [endOfPassage({ id: documentId, version: 1, text: v1 }, { start: at, end: at + passage.length }, 2), far] }));
    // The corrected text drops that paragraph.
    await importDocument({ meta, text: 'The plenum opened.\n\nThe vote was taken.\n', createdBy: seminar.instructor.id, courseId: seminar.course.id, caseId: seminar.cases[0]!.id });

    const { page } = await openSignedIn(h.browser, h.app.baseUrl, ana!, { viewport: { width: 1366, height: 800 } });
    await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/d/${documentId}`);
    const orphans = page.locator('.orphan-links');
    await orphans.getByText('A linked passage is not in this version of the text').waitFor({ timeout: 10_000 });
    expect(await orphans.locator('li').textContent()).toBe(`↔ parallels · Embassy cable ¶ 1, by ${ana!.name}: ${passage} Re-attach to a new selection…`);
    // (Its author may re-attach it: docs/versions.md.)
    expect(await orphans.getByRole('button', { name: 'Re-attach to a new selection…' }).count()).toBe(1);
    // The other end still has its badge, on the cable.
    await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/d/${right}`);
    await page.locator('#b1 .link-badge', { hasText: 'parallels · Draft decree' }).waitFor({ timeout: 10_000 });
  });

  it('axe finds no serious or critical violation on the compare view and its picker', async () => {
    const { context, page } = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, { viewport: { width: 1366, height: 800 } });
    for (const path of [comparePath(), `/c/${seminar.course.id}/compare`]) {
      await page.goto(h.app.baseUrl + path);
      await page.locator('h1, .compare-page').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    }
    await context.close();
  });
});
