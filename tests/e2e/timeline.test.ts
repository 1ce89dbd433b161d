import { beforeAll, describe, expect, it } from 'vitest';
import { createSeminar, importCorpusSource } from '../helpers/fixtures';
import { e2eHarness, openSignedIn, selectPhrase, seriousViolations } from './browser';

const h = e2eHarness();
let seminar: Awaited<ReturnType<typeof createSeminar>>;
let caesar: string;
let cable: string;
const laptop = { viewport: { width: 1366, height: 800 } };

beforeAll(async () => {
  seminar = await createSeminar(['Ana']);
  caesar = await importCorpusSource(seminar, 'cia-caesar-xv-anti-party-group-1962.txt', 'CAESAR XV', 0);
  cable = await importCorpusSource(seminar, 'mikoyan-cable-1956-09-22.txt', 'Mikoyan cable', 1);
});

/** The first few words of a paragraph's text, to select. */
const wordsOf = (page: import('playwright-core').Page, block: number, scope = '') =>
  page.evaluate((id) => document.querySelector(`#${id} .block-text`)!.firstChild!.textContent!.trim().split(/\s+/).slice(0, 4).join(' '), `${scope}b${block}`);

describe('the timeline', () => {
  it('takes an event from a passage of each case, live for the class, and lines the two crises up on days from the crisis', async () => {
    const teacher = await openSignedIn(h.browser, h.app.baseUrl, seminar.instructor, laptop);
    await teacher.page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/timeline`);
    await teacher.page.getByText('No events yet.').waitFor();

    const { page } = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, laptop);
    page.on('pageerror', (error) => {
      throw error;
    });
    // In the middle of CAESAR XV.
    await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/d/${caesar}#b40`);
    await page.locator('[data-sync="ready"]').waitFor();
    await selectPhrase(page, await wordsOf(page, 40));
    await page.getByRole('button', { name: 'Add to timeline…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add to the timeline' });
    await dialog.getByText('CAESAR XV ¶ 40').waitFor();
    expect(await dialog.getByLabel('Lane').locator('option:checked').textContent()).toBe(seminar.cases[0]!.title);
    // Every problem at once, then the date's own.
    await dialog.getByRole('button', { name: 'Add event' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Say what happened' }).waitFor();
    await dialog.getByRole('alert').filter({ hasText: 'Give the date' }).waitFor();
    await dialog.getByLabel('What happened').fill('The Presidium votes Khrushchev down');
    await dialog.getByLabel('When').fill('31 June 1957');
    await dialog.getByRole('button', { name: 'Add event' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'June 1957 has no day 31' }).waitFor();
    await dialog.getByLabel('When').fill('18–21 June 1957');
    await dialog.getByText('Read as 18–21 June 1957 (a range of days).').waitFor();
    await dialog.getByRole('button', { name: 'Add event' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Its passage shows it in the margin, and the class sees it at once.
    const margin = page.locator('.events-here');
    await margin.getByText('The Presidium votes Khrushchev down').waitFor();
    expect(await margin.getByRole('link', { name: '¶ 40' }).count()).toBe(1);
    await teacher.page.getByRole('link', { name: /The Presidium votes Khrushchev down/ }).waitFor({ timeout: 15_000 });

    // And one from the other case's source.
    await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/d/${cable}#b5`);
    await page.locator('[data-sync="ready"]').waitFor();
    await selectPhrase(page, await wordsOf(page, 5));
    await page.getByRole('button', { name: 'Add to timeline…' }).click();
    await dialog.getByLabel('What happened').fill('Mikoyan and Peng meet Kim');
    await dialog.getByLabel('When').fill('19 September 1956');
    expect(await dialog.getByLabel('Lane').locator('option:checked').textContent()).toBe(seminar.cases[1]!.title);
    await dialog.getByRole('button', { name: 'Add event' }).click();
    await dialog.waitFor({ state: 'detached' });
    await teacher.page.getByRole('link', { name: /Mikoyan and Peng meet Kim/ }).waitFor({ timeout: 15_000 });
    // In the compare view too, from either side.
    await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/compare?left=${caesar}&right=${cable}#right-b8`);
    await expect.poll(() => page.locator('[data-sync="ready"]').count()).toBe(2);
    await selectPhrase(page, await wordsOf(page, 8, 'right-'));
    await page.locator('[data-side="right"]').getByRole('button', { name: 'Add to timeline…' }).click();
    await dialog.getByText('Mikoyan cable ¶ 8').waitFor();
    await dialog.getByLabel('What happened').fill('The delegation leaves Pyongyang');
    await dialog.getByLabel('When').fill('September 1956');
    await dialog.getByRole('button', { name: 'Add event' }).click();
    await dialog.waitFor({ state: 'detached' });
    await teacher.page.getByRole('link', { name: /The delegation leaves Pyongyang/ }).waitFor({ timeout: 15_000 });

    // The instructor sets each case's crisis day.
    const crisisDays = teacher.page.locator('.crisis-form');
    await crisisDays.getByLabel(seminar.cases[0]!.title).fill('18 June 1957');
    await crisisDays.getByLabel(seminar.cases[1]!.title).fill('30 August 1956');
    await teacher.page.getByRole('button', { name: 'Save crisis days' }).click();
    await teacher.page.getByRole('status').filter({ hasText: 'Crisis days saved.' }).waitFor();

    // By date the Korean event comes first; from the crises, the Soviet one does (day 0 against day 20).
    await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/timeline`);
    const x = async (label: RegExp) => (await page.getByRole('link', { name: label }).boundingBox())!.x;
    await page.getByRole('link', { name: /Mikoyan and Peng meet Kim/ }).waitFor();
    expect(await x(/Mikoyan and Peng/)).toBeLessThan(await x(/The Presidium votes/));
    await page.getByRole('link', { name: 'Days from the crisis' }).click();
    await page.waitForURL(/align=crisis/);
    await page.getByText('Day 0 is each case’s crisis').waitFor();
    await expect.poll(async () => (await x(/The Presidium votes/)) < (await x(/Mikoyan and Peng/))).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    // The same events as a table.
    await page.getByRole('link', { name: 'List', exact: true }).click();
    await page.waitForURL(/view=list/);
    const rows = page.locator('.timeline-table tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.first().textContent()).toContain('September 1956');
    expect(await seriousViolations(page)).toEqual([]);
    // Its author corrects an event: the dialog holds it as it is, refuses a bad date, and the class sees the change.
    await page.getByRole('button', { name: 'Edit the event The delegation leaves Pyongyang' }).click();
    const editing = page.getByRole('dialog', { name: 'Edit the event' });
    expect(await editing.getByLabel('When').inputValue()).toBe('September 1956');
    expect(await editing.getByLabel('What happened').inputValue()).toBe('The delegation leaves Pyongyang');
    await editing.getByLabel('When').fill('23–20 September 1956');
    await editing.getByRole('button', { name: 'Save event' }).click();
    await editing.getByRole('alert').filter({ hasText: 'the end is before the start' }).waitFor();
    await editing.getByLabel('When').fill('23 September 1956');
    await editing.getByLabel('What happened').fill('The delegation flies home');
    await editing.getByRole('button', { name: 'Save event' }).click();
    await editing.waitFor({ state: 'detached' });
    // (By date it now follows the meeting of the 19th.)
    await expect.poll(() => rows.nth(1).textContent()).toContain('The delegation flies home');
    expect(await rows.nth(1).textContent()).toContain('23 September 1956');
    await teacher.page.getByRole('link', { name: /The delegation flies home/ }).waitFor({ timeout: 15_000 });
    // Only the author is offered it.
    expect(await teacher.page.getByRole('button', { name: /^Edit the event/ }).count()).toBe(0);
    // An event opens its passage.
    await page.getByRole('link', { name: 'CAESAR XV ¶ 40' }).click();
    await page.waitForURL(new RegExp(`/d/${caesar}#b40$`));
  });

  it('says what to do when there is nothing yet, and has no serious axe violation on a phone', async () => {
    const empty = await createSeminar(['Zoe']);
    const { page } = await openSignedIn(h.browser, h.app.baseUrl, empty.students[0]!, { viewport: { width: 390, height: 844 } });
    await page.goto(`${h.app.baseUrl}/c/${empty.course.id}/timeline`);
    await page.getByText('No events yet.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const ana = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, { viewport: { width: 390, height: 844 } });
    await ana.page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/timeline`);
    await expect.poll(() => ana.page.locator('.lane .event').count()).toBeGreaterThan(0);
    expect(await seriousViolations(ana.page)).toEqual([]);
  });
});
