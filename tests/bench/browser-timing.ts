/** What the browser benchmarks share: percentiles, the results table, and waiting for the app's performance marks. */
import type { CDPSession } from 'playwright-core';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const pct = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

/** A Markdown table of [measure, p50, p95, target] rows, as docs/performance.md quotes it. */
export function resultsTable(results: string[][]): string {
  return [['measure', 'p50 ms', 'p95 ms', 'target ms'], ['---', '---', '---', '---'], ...results].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/**
 * Waits until the page has `count` performance marks named `name`, with nothing on the page's main thread
 * but a one-line evaluation every 10 ms. (Playwright's own `waitForFunction` first injects its ~330 KB
 * helper script into the page, which the browser evaluated in the middle of hydration: 12–15 ms of the
 * measured time that no reader's browser spends.)
 */
export async function waitForMark(cdp: CDPSession, name: string, count = 1) {
  const expression = `performance.getEntriesByName(${JSON.stringify(name)}).length >= ${count}`;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(10)) {
    const { result } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true });
    if (result.value === true) return;
  }
  throw new Error(`no ${count} × ${name} mark within 60 s`);
}

/** Empties the page's IndexedDB: the next navigation is a first visit's, as far as the rooms go. */
export function forgetLocalCopies(page: import('playwright-core').Page) {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((db) => db.name!);
    await Promise.all(names.map((name) => new Promise((done) => Object.assign(indexedDB.deleteDatabase(name), { onsuccess: done, onerror: done, onblocked: done }))));
  });
}
