import { beforeAll, describe, expect, it } from 'vitest';
import { createSeminar, importCorpusSource } from '../helpers/fixtures';
import { e2eHarness, openSignedIn, seriousViolations } from './browser';

const h = e2eHarness();
let seminar: Awaited<ReturnType<typeof createSeminar>>;
let caesar: string;
beforeAll(async () => {
  seminar = await createSeminar(['Ana']);
  caesar = await importCorpusSource(seminar, 'cia-caesar-xv-anti-party-group-1962.txt', 'CAESAR XV', 0);
});

describe('search', () => {
  it('from the board, “/” and a name: as you type, every spelling; a passage spelled “Halenkov” opens in the reader, marked', async () => {
    const { page } = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, { viewport: { width: 1366, height: 800 } });
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/board`);
    await page.locator('[data-sync="ready"]').waitFor(); // (the page's scripts are running)
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('course-search');
    await page.keyboard.type('Malenkov');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=Malenkov/);
    await page.getByText('Also searched, as close spellings in the sources: malenkov → halenkov', { exact: false }).waitFor();
    // Typing a new search in the page's own field searches once typing pauses, with a visible state.
    const field = page.getByLabel('Search the sources, notes, links and threads');
    await field.fill('Kaganovich');
    await expect.poll(() => page.url(), { timeout: 10_000 }).toContain('q=Kaganovich');
    await page.locator('.search-hit mark', { hasText: 'Kaganovich' }).first().waitFor();
    await field.fill('Malenkov');
    await expect.poll(() => page.url(), { timeout: 10_000 }).toContain('q=Malenkov');
    await page.getByRole('link', { name: /^Show all \d+ source text results$/ }).click();
    await page.waitForURL(/kind=source/);
    const halenkov = page.locator('.search-hit', { hasText: 'spelled “Halenkov”', has: page.locator('mark', { hasText: 'Halenkov' }) }).first();
    await halenkov.waitFor();
    const cited = (await halenkov.locator('.hit-title').textContent())!;
    const block = Number(/¶ (\d+)$/.exec(cited)![1]);
    await halenkov.locator('.hit-title').click();
    await page.waitForURL(new RegExp(`/d/${caesar}\\?mark=[^#]+#b${block}$`));
    await expect.poll(() => page.evaluate((id) => document.getElementById(id)?.getBoundingClientRect().top ?? -1, `b${block}`), { timeout: 10_000 }).toBeGreaterThanOrEqual(0);
    expect(await page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top, `b${block}`)).toBeLessThan(400);
    expect(await page.locator(`#b${block} .block-text`).textContent()).toContain('Halenkov');
    // The words found are marked in the text, the misreading among them.
    const marked = await page.evaluate(() =>
      [...((CSS as unknown as { highlights: Map<string, Set<StaticRange>> }).highlights.get('search-match') ?? [])].map((r) => {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        return range.toString();
      }),
    );
    expect(marked).toContain('Halenkov');
    expect(new URL(page.url()).searchParams.get('mark')).toContain('halenkov');
  });

  it('says what to try when there is nothing yet or nothing found, explains a query it cannot search, and has no serious axe violation', async () => {
    for (const viewport of [{ width: 1366, height: 800 }, { width: 390, height: 844 }]) {
      const { page, context } = await openSignedIn(h.browser, h.app.baseUrl, seminar.students[0]!, { viewport });
      await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/search`);
      await page.getByText('every spelling the sources use is found', { exact: false }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/search?q=${encodeURIComponent('"anti-party')}`);
      await page.getByRole('alert').filter({ hasText: 'A quotation mark is not closed' }).waitFor();
      await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/search?q=xylophonequartet`);
      await page.getByText('Nothing matches. Try fewer words, another spelling, or fewer filters.').waitFor();
      await page.goto(`${h.app.baseUrl}/c/${seminar.course.id}/search?q=Malenkov`);
      await page.locator('.search-hit').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    }
  });
});
