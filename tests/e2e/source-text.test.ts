import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceTextHtml } from '../../app/lib/source-html';
import { splitBlocks } from '../../app/lib/split-blocks';
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
});
