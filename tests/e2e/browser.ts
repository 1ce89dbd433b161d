import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app-server';

/** Debian's Chromium, headless, driven by playwright-core (no downloaded browser). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser profile with one page; steps fail after 10 s with the step named, not at the test timeout. */
export async function openPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page };
}

/** A page already signed in as `member` (its session cookie set), like a returning user's browser. */
export async function openSignedIn(browser: Browser, baseUrl: string, member: { cookie: string }, options: Parameters<Browser['newContext']>[0] = {}) {
  const { context, page } = await openPage(browser, options);
  const [name, value] = member.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: baseUrl }]);
  return { context, page };
}

/**
 * What the reader paints as highlights (the CSS Custom Highlight API's registry): the text of each
 * range of the named highlight — `hl-class`, `hl-private`, `hl-staff`, `hl-focused` for the focused note,
 * `spotlight` for a seminar's spotlight, or `presence-<rrggbb>` for other readers' selections in that colour; with a reader's scope before it
 * (`left-hl-class`) for one side of the compare view.
 */
export function highlighted(page: Page, name: `${'' | 'left-' | 'right-'}${'hl-class' | 'hl-private' | 'hl-staff' | 'hl-focused' | 'spotlight' | `presence-${string}`}`): Promise<string[]> {
  return page.evaluate(
    (name) =>
      [...((CSS.highlights.get(name) as Iterable<AbstractRange> | undefined) ?? [])].map((painted) => {
        const range = document.createRange();
        range.setStart(painted.startContainer, painted.startOffset);
        range.setEnd(painted.endContainer, painted.endOffset);
        return range.toString();
      }),
    name,
  );
}

/**
 * Starts Plenum (on the test file's database, with `env` on top) and Chromium before the file's tests
 * and closes both after; read `.app` and `.browser` inside tests. Each test's browser contexts are
 * closed after it, also when it failed half-way: a reader left open would otherwise be "also
 * reading" in the next test's presence list.
 */
export function e2eHarness(env: Record<string, string> = {}) {
  const harness = {} as { app: RunningApp; browser: Browser };
  beforeAll(async () => {
    [harness.app, harness.browser] = await Promise.all([startApp({ DATABASE_URL: process.env.DATABASE_URL, ...env }), launchBrowser()]);
  });
  afterEach(async () => {
    await Promise.all(harness.browser?.contexts().map((c) => c.close()) ?? []);
  });
  afterAll(async () => {
    await harness.browser?.close();
    await harness.app?.stop();
  });
  return harness;
}

/**
 * Loads axe-core into the page. Not as a script tag: the page's Content-Security-Policy rightly
 * refuses inline scripts without its nonce; evaluation through the DevTools protocol is not a page script.
 */
export async function loadAxe(page: Page) {
  const { readFile } = await import('node:fs/promises');
  await page.evaluate(await readFile('node_modules/axe-core/axe.min.js', 'utf8'));
}

/** axe's serious and critical violations on the page as it is now (axe loaded through the DevTools protocol). */
export async function seriousViolations(page: Page) {
  await loadAxe(page);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run(document)).violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Selects `phrase` within one text node of the source's paragraphs, as a mouse drag would. */
export async function selectPhrase(page: Page, phrase: string) {
  await page.evaluate((phrase) => {
    for (const span of document.querySelectorAll('.block-text')) {
      const node = [...span.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.includes(phrase));
      if (!node) continue;
      const at = node.textContent!.indexOf(phrase);
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + phrase.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      return;
    }
    throw new Error(`phrase not found: ${phrase}`);
  }, phrase);
}
