import { beforeAll, describe, expect, it } from 'vitest';
import { addPerson } from '../../db/queries/people';
import { createSeminar, importCorpusSource, spellingOf as spelling } from '../helpers/fixtures';
import { e2eHarness, openSignedIn, seriousViolations } from './browser';

const h = e2eHarness();
let seminar: Awaited<ReturnType<typeof createSeminar>>;
let caesar: string;
let malenkov: string;
let cable: string;

beforeAll(async () => {
  seminar = await createSeminar(['Ana']);
  caesar = await importCorpusSource(seminar, 'cia-caesar-xv-anti-party-group-1962.txt', 'CAESAR XV', 0);
  cable = await importCorpusSource(seminar, 'mikoyan-cable-1956-09-22.txt', 'Mikoyan cable', 1);
  malenkov = (await addPerson(seminar.course.id, { name: 'Georgy Malenkov', role: 'Presidium member', caseId: seminar.cases[0]!.id }, [spelling('Georgy Malenkov'), spelling('Malenkov')], seminar.instructor.id))!;
  await addPerson(seminar.course.id, { name: 'Kim Il Sung', role: 'Chairman', caseId: seminar.cases[1]!.id }, [spelling('Kim Il Sung')], seminar.instructor.id);
});

describe('people', () => {
  it('confirms a suggested spelling and adds one by hand, and the passage count grows each time', async () => {
    const { page } = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, { viewport: { width: 1366, height: 800 } });
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/people`);
    const entry = page.locator('.people-list li', { hasText: 'Georgy Malenkov' });
    const passages = async () => Number(/(\d+) passages?/.exec((await entry.locator('.meta').textContent())!)![1]);
    const before = await passages();
    expect(before).toBeGreaterThan(0);
    await entry.getByRole('link', { name: 'Georgy Malenkov' }).click();
    await page.getByRole('heading', { name: 'Georgy Malenkov' }).waitFor();
    // The OCR's "Halenkov" is suggested, with where; confirming it makes it one of his spellings.
    const suggestion = page.locator('.suggestions li', { hasText: 'Halenkov' });
    await suggestion.locator('a').first().waitFor();
    await suggestion.getByRole('button', { name: 'Confirm Halenkov as a spelling of Georgy Malenkov' }).click();
    await page.getByRole('status').filter({ hasText: '“Halenkov” added.' }).waitFor();
    await page.locator('.spellings li', { hasText: 'Halenkov' }).waitFor();
    // Bad input: a field error, nothing added.
    await page.getByLabel('Add a spelling').fill('!!');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'punctuation alone matches nothing' }).waitFor();
    await page.getByLabel('Add a spelling').fill('Ualenkov');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('.spellings li', { hasText: 'Ualenkov' }).waitFor();
    // The passages, by case, spelled as the sources spell them.
    await page.locator('.mention-column', { hasText: 'spelled “Ualenkov”' }).first().waitFor();
    await page.getByRole('link', { name: 'People', exact: true }).first().click();
    await page.waitForURL(/\/people$/);
    await expect.poll(passages).toBeGreaterThan(before);
  });

  it('marks mentions in the reader from the People toggle, in the middle of a long source, and a mention leads to the person', async () => {
    const { page } = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, { viewport: { width: 1366, height: 800 } });
    await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/d/${caesar}#b40`);
    await page.locator('[data-sync="ready"]').waitFor();
    const toggle = page.getByRole('button', { name: 'People', exact: true });
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    const next = page.getByRole('button', { name: /^Next mention of Georgy Malenkov \(\d+ in all\)$/ });
    await next.waitFor();
    const marked = () =>
      page.evaluate(() => [...((CSS as unknown as { highlights: Map<string, Set<StaticRange>> }).highlights.get('people-mention') ?? [])].length);
    expect(await marked()).toBeGreaterThan(10);
    // Stepping through his mentions selects each in turn; a click on one says whose it is.
    await next.click();
    await next.click();
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toMatch(/^(Malenkov|Georgy Malenkov)$/);
    // (Once the smooth scroll to it has settled.)
    const top = () => page.evaluate(() => Math.round(window.getSelection()!.getRangeAt(0).getBoundingClientRect().top));
    await expect.poll(async () => (await top()) === (await new Promise((r) => setTimeout(r, 150)).then(top))).toBe(true);
    const at = await page.evaluate(() => {
      const rect = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
      window.getSelection()!.removeAllRanges();
      return { x: rect.left + 3, y: rect.top + rect.height / 2 };
    });
    await page.mouse.click(at.x, at.y);
    const pop = page.locator('.mention-pop');
    await pop.getByRole('link', { name: 'Georgy Malenkov' }).click();
    await page.waitForURL(new RegExp(`/people/${malenkov}$`));
    // The choice is kept: back in the reader, the mentions are marked again.
    await page.goBack();
    await expect.poll(marked).toBeGreaterThan(10);
  });

  it('marks each side of the compare view by its own People toggle, and steps through a side without moving the other', async () => {
    const { page } = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, { viewport: { width: 1366, height: 800 } });
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/compare?left=${caesar}&right=${cable}#left-b40`);
    await expect.poll(() => page.locator('[data-sync="ready"]').count()).toBe(2);
    const right = page.locator('[data-side="right"]');
    const left = page.locator('[data-side="left"]');
    const marked = (name: string) => page.evaluate((n) => [...((CSS as unknown as { highlights: Map<string, Set<StaticRange>> }).highlights.get(n) ?? [])].length, name);
    await right.getByRole('button', { name: 'People', exact: true }).click();
    await expect.poll(() => marked('right-people-mention')).toBeGreaterThan(3);
    expect(await marked('left-people-mention')).toBe(0);
    const leftTop = await left.evaluate((el) => el.scrollTop);
    await right.getByRole('button', { name: /^Next mention of Kim Il Sung/ }).click();
    await right.getByRole('button', { name: /^Next mention of Kim Il Sung/ }).click();
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('Kim Il Sung');
    // The mention is on screen in the right side; the left side has not moved.
    await expect.poll(() => page.evaluate(() => {
      const rect = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
      return rect.top > 0 && rect.bottom < window.innerHeight;
    })).toBe(true);
    expect(await left.evaluate((el) => el.scrollTop)).toBe(leftTop);
  });

  it('has no serious axe violation on the people pages, at laptop and phone widths', async () => {
    for (const viewport of [{ width: 1366, height: 800 }, { width: 390, height: 844 }]) {
      const { page, context } = await openSignedIn(h.browser, h.app.baseUrl, seminar.instructor, { viewport });
      await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/people`);
      await page.getByRole('heading', { name: 'Add a person' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/people/${malenkov}`);
      await page.getByRole('heading', { name: 'Spellings', exact: true }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    }
  });
});
