import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceTextHtml } from '~/lib/source-html';
import { splitBlocks } from '~/lib/split-blocks';
import { launchBrowser } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the source text as HTML', () => {
  it('holds exactly the stored characters in each block, markup characters and carriage returns included', async () => {
    const text = [
      '## The <b>cable</b> & its "reply"',
      '',
      'Kim Il Sung said: a < b && c > d.\r\nA second line\rafter a lone carriage return.',
      '',
      '- 3 -',
      '',
      '<script>window.hacked = true</script> is text, not a script.',
    ].join('\n');
    const blocks = splitBlocks(text);
    const page = await browser.newPage();
    await page.setContent(`<article>${sourceTextHtml(text, blocks)}</article>`);
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-start][data-end]')].map((block) => ({
        start: Number(block.dataset.start),
        end: Number(block.dataset.end),
        text: block.querySelector('.block-text')!.textContent,
      })),
    );
    expect(shown).toEqual(blocks.map((b) => ({ start: b.start, end: b.end, text: text.slice(b.start, b.end) })));
    expect(await page.evaluate(() => (window as { hacked?: boolean }).hacked)).toBeUndefined();
    expect(await page.locator('h2.heading .md-marker').textContent()).toBe('## ');
    expect(await page.locator('.block.furniture').count()).toBe(1);
    await page.close();
  });

  it('guesses the height of a paragraph not yet laid out from its length, so a link deep into the text lands at once', async () => {
    const text = readFileSync('db/seed/sources/cia-caesar-xv-anti-party-group-1962.txt', 'utf8');
    const css = readFileSync('app/styles.css', 'utf8');
    for (const width of [1366, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.setContent(`<style>${css}</style><main><div class="reader-columns"><div class="text-column"><article class="source-text">${sourceTextHtml(text, splitBlocks(text))}</article></div></div></main>`);
      // Far below the screen, every paragraph is still skipped: its guessed height, then its real one.
      const { guessed, real } = await page.evaluate(() => {
        const far = [...document.querySelectorAll<HTMLElement>('.source-text > .block')].filter((b) => b.getBoundingClientRect().top > 3 * window.innerHeight);
        const guessed = far.map((b) => b.getBoundingClientRect().height);
        for (const b of far) b.style.contentVisibility = 'visible';
        return { guessed, real: far.map((b) => b.getBoundingClientRect().height) };
      });
      expect(guessed.length).toBeGreaterThan(20);
      const meanError = guessed.reduce((sum, h, i) => sum + Math.abs(h - real[i]!), 0) / guessed.length;
      expect(meanError).toBeLessThan(30); // (a fixed 5rem guess is off by ~200px at laptop width, ~375px on a phone)
      await page.close();
    }
  });
});
