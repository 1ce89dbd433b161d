/**
 * npm run bench:reader — the CAESAR XV reader with 1,000 class notes and 2,000 replies, in Chromium:
 *  1. time from navigation to highlights and margin painted (the app's `plenum:notes-painted` mark),
 *     cold (new browser profile; opened at the top, and opened at ¶ 40 where notes fill the screen) and
 *     warm (the notes already in IndexedDB), each navigation from the course home; with, from the same
 *     navigations, the text's own first paint and the server's first byte;
 *  2. while 30 clients each add a note every second, the time from a remote writer's note to its
 *     highlight being on screen in the browser.
 * Uses DATABASE_URL's server (a scratch database is created and dropped), else an embedded PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { describePassage } from '~/lib/anchoring/selectors';
import { PAINTED_EVENT } from '~/components/reader/highlights';
import { addNote } from '~/lib/notes/model';
import { createSession } from '~/lib/session.server';
import { splitBlocks } from '~/lib/split-blocks';
import { seed } from '../../db/seed/demo';
import { closeSql, sql } from '../../db/sql';
import { launchBrowser, openSignedIn } from '../e2e/browser';
import { startApp } from '../helpers/app-server';
import { forgetLocalCopies, pct, resultsTable, sleep, waitForMark } from './browser-timing';
import { openScratchDatabase } from './scratch-database';
import { connectWriters, sessionCookies } from './writers';
import { appendUpdates } from '../../server/sync/persistence';
import { rebuildProjections } from '../../server/sync/rebuild';

const NOTES = 1000;
const REPLIES = 2000;
const WRITERS = 30;
const NAVIGATIONS = Number(process.env.BENCH_NAVIGATIONS ?? 5);
const MARKERS = Number(process.env.BENCH_MARKERS ?? 20);
// BENCH_CPU_SLOWDOWN=2 runs the page's main thread at half speed (DevTools' CPU throttling): a slower
// laptop, or this machine on a slow day (its speed has varied two-fold between sessions).
const CPU_SLOWDOWN = Number(process.env.BENCH_CPU_SLOWDOWN ?? 1);


async function main() {
  process.setMaxListeners(0);
  const scratch = await openScratchDatabase();
  const databaseUrl = scratch.url;
  await seed({ demo: true });

  const [course] = await sql<{ id: string }[]>`SELECT id FROM courses LIMIT 1`;
  const [doc] = await sql<{ id: string; body: string; version: number }[]>`
    SELECT d.id, v.body, v.version FROM documents d JOIN document_versions v ON v.document_id = d.id WHERE d.slug LIKE 'cia-caesar%'`;
  const users = await sql<{ id: string }[]>`
    INSERT INTO users (email, display_name, password_hash)
    SELECT 'reader' || g || '@bench.test', 'Reader ' || g, 'x' FROM generate_series(1, ${WRITERS}) g RETURNING id`;
  await sql`INSERT INTO memberships ${sql(users.map((u) => ({ course_id: course!.id, user_id: u.id, role: 'student' })))}`;
  const room = `doc:${course!.id}:${doc!.id}`;

  // 1,000 notes on passages all through the text, 2,000 replies, from 30 members.
  const paragraphs = splitBlocks(doc!.body).filter((b) => b.kind === 'paragraph' && b.end - b.start > 80);
  const docs = users.map(() => new Y.Doc());
  const notes: { author: string; id: string }[] = [];
  for (let i = 0; i < NOTES; i++) {
    const w = i % WRITERS;
    const block = paragraphs[i % paragraphs.length]!;
    const start = block.start + ((i * 37) % Math.max(1, block.end - block.start - 60));
    const id = `n${i}`;
    addNote(docs[w]!, users[w]!.id, {
      id, kind: 'note', parentId: null, parentAuthorId: null, body: `Note ${i}: *who* gains from this?`, tags: i % 3 ? ['factions'] : ['sources'],
      selectors: describePassage(doc!.body, start, start + 40), documentVersion: doc!.version, createdAt: Date.now(), updatedAt: Date.now(), deleted: false,
    });
    notes.push({ author: users[w]!.id, id });
  }
  for (let i = 0; i < REPLIES; i++) {
    const w = (i * 7) % WRITERS;
    const parent = notes[i % notes.length]!;
    addNote(docs[w]!, users[w]!.id, {
      id: `r${i}`, kind: 'reply', parentId: parent.id, parentAuthorId: parent.author, body: `Reply ${i}`, tags: [],
      selectors: null, documentVersion: doc!.version, createdAt: Date.now(), updatedAt: Date.now(), deleted: false,
    });
  }
  await appendUpdates(docs.map((d, i) => ({ room, update: Y.encodeStateAsUpdate(d), userId: users[i]!.id })));
  // The notes were stored behind the server's back: project them, as the server would have as they were written.
  await rebuildProjections();
  await closeSql();

  // BENCH_PLENUM_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server, as in the sync bench.
  const nodeArgs = process.env.BENCH_PLENUM_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const app = await startApp({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', SYNC_UPDATES_PER_SECOND: '1000' }, { command: [process.execPath, ...nodeArgs, '--import', 'tsx', 'server/index.ts'] });
  const browser = await launchBrowser();
  const viewer = { cookie: `plenum_session=${encodeURIComponent((await createSession(users[0]!.id)).token)}` };
  const courseUrl = `${app.baseUrl}/c/${course!.id}`;
  const url = `${courseUrl}/d/${doc!.id}`;
  const results: string[][] = [];
  try {
    // 1. Navigation to notes painted; and, as the reference in the same navigations, to the page's first
    //    contentful paint (the text, before any script): what the browser alone needs for this page.
    const textPaints: number[] = [];
    const serverTimes: number[] = [];
    const afterText: number[] = [];
    // Opened at its start, a reader of CAESAR XV sees headings and no notes: the cards just below the
    // fold follow a frame later. Opened at ¶ 40 (a link into the text), highlights and cards fill the screen.
    const series = [
      { mode: 'cold', at: '', fresh: true },
      { mode: 'cold, opened at ¶ 40', at: '#b40', fresh: true },
      { mode: 'warm', at: '', fresh: false },
    ] as const;
    for (const { mode, at, fresh } of series) {
      const times: number[] = [];
      const { context, page } = await openSignedIn(browser, app.baseUrl, viewer, { viewport: { width: 1366, height: 900 } });
      const cdp = await context.newCDPSession(page);
      await slowDown(cdp);
      for (let i = 0; i < NAVIGATIONS + 1; i++) {
        // Each navigation starts where a reader opens a source: the course home, a light page.
        await page.goto(courseUrl);
        if (fresh) await forgetLocalCopies(page);
        const profiled = series[Number(process.env.BENCH_PROFILE_SERIES ?? 0)]!.mode;
        const profiling = process.env.BENCH_PROFILE && mode === profiled && i === NAVIGATIONS ? await startProfile(page) : null;
        const tracing = process.env.BENCH_TRACE && mode === profiled && i === NAVIGATIONS;
        if (tracing) await browser.startTracing(page, { path: process.env.BENCH_TRACE, categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'] });
        await page.goto(url + at);
        await waitForMark(cdp, 'plenum:notes-painted');
        if (process.env.BENCH_SCREENSHOT && i === NAVIGATIONS) await page.screenshot({ path: `${process.env.BENCH_SCREENSHOT}-${series.findIndex((s) => s.mode === mode)}.png` });
        if (profiling) await profiling.stopInto(process.env.BENCH_PROFILE!);
        if (tracing) await browser.stopTracing();
        const t = await page.evaluate(() => performance.getEntriesByName('plenum:notes-painted')[0]!.startTime);
        const { notes, cards } = await page.evaluate(() => (performance.getEntriesByName('plenum:notes-painted')[0] as PerformanceMark).detail as { notes: number; cards: number });
        if (notes < NOTES) throw new Error(`only ${notes} notes painted`);
        if (at && cards === 0) throw new Error(`opened at ${at}, no card was on screen when the notes were painted`);
        if (process.env.BENCH_VERBOSE) {
          const marks = await page.evaluate(() => {
            const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
            return { requestStart: nav.requestStart, responseStart: nav.responseStart, responseEnd: nav.responseEnd, bytes: nav.decodedBodySize, domContentLoaded: nav.domContentLoadedEventEnd, firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime, ...Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])) };
          });
          process.stderr.write(`${mode} ${JSON.stringify({ ...marks, cards })}\n`);
        }
        // Each navigation starts from a quiet page and server: the rooms this one opened have arrived.
        await page.locator('[data-sync="ready"]').waitFor({ timeout: 60_000 });
        if (i > 0) {
          // (the first navigation warms the server and the browser's code cache, and in the warm series
          // it is the one that fills IndexedDB)
          times.push(t);
          textPaints.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
          afterText.push(t - textPaints.at(-1)!);
          serverTimes.push(await page.evaluate(() => {
            const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
            return nav.responseStart - nav.requestStart;
          }));
        }
      }
      results.push([`navigation → ${NOTES} notes and ${REPLIES} replies painted (${mode})`, pct(times, 0.5).toFixed(0), pct(times, 0.95).toFixed(0), '300']);
      await context.close();
    }
    results.push(['reference: navigation → the text painted (first contentful paint, the same navigations)', pct(textPaints, 0.5).toFixed(0), pct(textPaints, 0.95).toFixed(0), '']);
    results.push(['the app after the text: text painted → notes painted (same navigations)', pct(afterText, 0.5).toFixed(0), pct(afterText, 0.95).toFixed(0), '']);
    results.push(['of which the server: request → first byte of the page', pct(serverTimes, 0.5).toFixed(0), pct(serverTimes, 0.95).toFixed(0), '']);

    // 2. A remote note while 30 clients write.
    const { context, page } = await openSignedIn(browser, app.baseUrl, viewer, { viewport: { width: 1366, height: 900 } });
    await slowDown(await context.newCDPSession(page));
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('plenum:notes-painted').length > 0, null, { timeout: 60_000 });
    const cookies = await sessionCookies(users);
    await closeSql();
    const writers = await connectWriters(app.baseUrl, room, users, cookies);
    let n = 0;
    const background = setInterval(() => {
      const w = writers[n % WRITERS]!;
      const block = paragraphs[n % paragraphs.length]!;
      addNote(w.doc, w.user.id, {
        id: `bg${n}`, kind: 'note', parentId: null, parentAuthorId: null, body: `Background note ${n}`, tags: [],
        selectors: describePassage(doc!.body, block.start, block.start + 30), documentVersion: doc!.version, createdAt: Date.now(), updatedAt: Date.now(), deleted: false,
      });
      n++;
    }, 1000 / WRITERS); // each of the 30 writers adds a note per second
    const latencies: number[] = [];
    for (let m = 0; m < MARKERS; m++) {
      await sleep(300);
      const body = `Marker ${m} ${randomBytes(3).toString('hex')}`;
      const w = writers[m % WRITERS]!;
      // Painted = its highlight is in the text (its card, too, when it is near the viewport).
      // (on the first frame after the reader painted its highlight: the event fires before that frame)
      const key = `${w.user.id}:m${m}`;
      await page.evaluate(
        ([key, event]) => {
          // (no named functions in here: tsx would wrap them in a helper the page does not have)
          const seen = window as unknown as Record<string, number>;
          document.addEventListener(event!, (e) => {
            if (seen[key!] || !(e as CustomEvent<{ keys: Set<string> }>).detail.keys.has(key!)) return;
            requestAnimationFrame(() => (seen[key!] ??= performance.timeOrigin + performance.now()));
          });
        },
        [key, PAINTED_EVENT],
      );
      const waiting = page.waitForFunction((key) => (window as unknown as Record<string, number | undefined>)[key] ?? false, key, { polling: 'raf', timeout: 20_000 });
      const sent = performance.timeOrigin + performance.now();
      addNote(w.doc, w.user.id, {
        id: `m${m}`, kind: 'note', parentId: null, parentAuthorId: null, body, tags: [],
        selectors: describePassage(doc!.body, paragraphs[m]!.start, paragraphs[m]!.start + 25), documentVersion: doc!.version, createdAt: Date.now(), updatedAt: Date.now(), deleted: false,
      });
      const shown = (await (await waiting).jsonValue()) as number;
      latencies.push(shown - sent);
    }
    clearInterval(background);
    for (const w of writers) w.provider.destroy();
    results.push([`remote note, writer → highlight on screen, ${WRITERS} clients writing`, pct(latencies, 0.5).toFixed(0), pct(latencies, 0.95).toFixed(0), '100 after arrival']);
    await context.close();
  } finally {
    await browser.close();
    await app.stop();
    await scratch.drop();
  }
  const table = resultsTable(results);
  const slowed = CPU_SLOWDOWN === 1 ? '' : ` (the page's CPU slowed ${CPU_SLOWDOWN}×)`;
  process.stdout.write(`\n${table}\n${slowed}\n`);
}

async function slowDown(cdp: import('playwright-core').CDPSession) {
  if (CPU_SLOWDOWN !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
}

/** A CPU profile of the page (open it in Chrome DevTools' Performance panel). */
async function startProfile(page: import('playwright-core').Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return {
    async stopInto(file: string) {
      const { profile } = await cdp.send('Profiler.stop');
      (await import('node:fs')).writeFileSync(file, JSON.stringify(profile));
      process.stderr.write(`CPU profile of a cold navigation written to ${file}\n`);
    },
  };
}

await main();
process.exit(0);
