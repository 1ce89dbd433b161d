/**
 * npm run bench:compare — comparing the cases, in Chromium, with CAESAR XV and the 1956 article each
 * carrying 1,000 class notes, 500 evidence links between them, and a matrix of 50 rows × 2 cases × 20 entries:
 *  1. navigation → both sides' highlights, margins and link badges painted in the compare view, against
 *     the single reader of CAESAR XV in the same run (target: under 1.5×);
 *  2. while 30 clients each add a link every second, a remote link's badge on both sides (writer → painted);
 *  3. the matrix: navigation → painted (it comes in the page's HTML) and hydrated, and the compare
 *     room's arrival → the matrix shown from it, live (target 300 ms).
 * Each navigation starts from the course home in a new browser profile (a first visit's rooms and caches).
 * Uses DATABASE_URL's server (a scratch database is created and dropped), else an embedded PostgreSQL.
 */
import * as Y from 'yjs';
import { writeFileSync } from 'node:fs';
import { endOfPassage, linkEntry, addLink, type LinkEnd } from '~/lib/compare/links';
import { addMatrixEntry, addMatrixRow } from '~/lib/compare/matrix';
import { describePassage } from '~/lib/anchoring/selectors';
import { addNote } from '~/lib/notes/model';
import { splitBlocks } from '~/lib/split-blocks';
import { seed } from '../../db/seed/demo';
import { closeSql, sql } from '../../db/sql';
import { appendUpdates } from '../../server/sync/persistence';
import { rebuildProjections } from '../../server/sync/rebuild';
import { launchBrowser, openSignedIn } from '../e2e/browser';
import { startApp } from '../helpers/app-server';
import { pct, resultsTable, sleep, waitForMark } from './browser-timing';
import { openScratchDatabase } from './scratch-database';
import { connectWriters, sessionCookies } from './writers';

const NOTES = 1000;
const LINKS = 500;
const WRITERS = 30;
const ROWS = 50;
const PER_CELL = 20;
const NAVIGATIONS = Number(process.env.BENCH_NAVIGATIONS ?? 5);
const MARKERS = Number(process.env.BENCH_MARKERS ?? 20);
// BENCH_ONLY=matrix (or readers, links) runs one part.
const only = (part: 'readers' | 'links' | 'matrix') => !process.env.BENCH_ONLY || process.env.BENCH_ONLY === part;

/**
 * Run in the page before its scripts: notes when a frame carrying the marker link "Marker-<m>-end" reaches
 * a socket of the page (`performance.timeOrigin + now`, as the paint is timed), before the app's handler
 * sees it. The browser's share of a remote badge's latency is the paint minus this.
 */
const MARK_ARRIVALS = `(() => {
  const arrivals = (window.plenumArrivals = {});
  const decoder = new TextDecoder('latin1');
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const at = performance.timeOrigin + performance.now();
        if (!(e.data instanceof ArrayBuffer)) return;
        for (const match of decoder.decode(e.data).matchAll(/Marker-(\\d+)-end/g)) arrivals[match[1]] ??= at;
      });
    }
  };
})();`;

interface Source {
  id: string;
  body: string;
  version: number;
  caseId: string;
  paragraphs: { start: number; end: number; number: number }[];
}

async function main() {
  process.setMaxListeners(0);
  const scratch = await openScratchDatabase();
  await seed({ demo: true });
  const [course] = await sql<{ id: string }[]>`SELECT id FROM courses LIMIT 1`;
  const sources = async (slug: string): Promise<Source> => {
    const [row] = await sql<{ id: string; body: string; version: number; case_id: string }[]>`
      SELECT d.id, v.body, v.version, cd.case_id FROM documents d JOIN document_versions v ON v.document_id = d.id
      JOIN course_documents cd ON cd.document_id = d.id WHERE d.slug LIKE ${slug}`;
    const paragraphs = splitBlocks(row!.body).filter((b) => b.kind === 'paragraph' && b.end - b.start > 80);
    return {
      id: row!.id,
      body: row!.body,
      version: row!.version,
      caseId: row!.case_id,
      paragraphs,
    };
  };
  const [left, right] = [await sources('cia-caesar%'), await sources('article-north-korea-1956%')];
  const users = await sql<{ id: string }[]>`
    INSERT INTO users (email, display_name, password_hash)
    SELECT 'reader' || g || '@bench.test', 'Reader ' || g, 'x' FROM generate_series(1, ${WRITERS}) g RETURNING id`;
  await sql`INSERT INTO memberships ${sql(
    users.map((u) => ({
      course_id: course!.id,
      user_id: u.id,
      role: 'student',
    })),
  )}`;
  const [teacher] = await sql<{ id: string }[]>`SELECT user_id AS id FROM memberships WHERE course_id = ${course!.id} AND role = 'instructor' LIMIT 1`;
  const compareRoom = `compare:${course!.id}`;
  const passage = (s: Source, i: number, length = 40): LinkEnd => {
    const p = s.paragraphs[i % s.paragraphs.length]!;
    const start = p.start + ((i * 37) % Math.max(1, p.end - p.start - length - 1));
    return endOfPassage({ id: s.id, version: s.version, text: s.body }, { start, end: start + length }, p.number);
  };

  // 1,000 class notes on each source, 500 links between them, the matrix: from 30 members (rows from the instructor).
  const updates: { room: string; update: Uint8Array; userId: string }[] = [];
  for (const s of [left, right]) {
    const docs = users.map(() => new Y.Doc());
    for (let i = 0; i < NOTES; i++) {
      const p = s.paragraphs[i % s.paragraphs.length]!;
      const start = p.start + ((i * 37) % Math.max(1, p.end - p.start - 60));
      addNote(docs[i % WRITERS]!, users[i % WRITERS]!.id, {
        id: `n${i}`,
        kind: 'note',
        parentId: null,
        parentAuthorId: null,
        body: `Note ${i}: *who* gains from this?`,
        tags: ['factions'],
        selectors: describePassage(s.body, start, start + 40),
        documentVersion: s.version,
        createdAt: Date.now(),
        updatedAt: Date.now(),
        deleted: false,
      });
    }
    docs.forEach((d, i) =>
      updates.push({
        room: `doc:${course!.id}:${s.id}`,
        update: Y.encodeStateAsUpdate(d),
        userId: users[i]!.id,
      }),
    );
  }
  const compareDocs = users.map(() => new Y.Doc());
  for (let i = 0; i < LINKS; i++) {
    addLink(
      compareDocs[i % WRITERS]!,
      users[i % WRITERS]!.id,
      linkEntry({
        id: `l${i}`,
        relation: 'parallels',
        comment: `Link ${i}`,
        ends: [passage(left, i * 3), passage(right, i * 5)],
      }),
    );
  }
  const rows = new Y.Doc();
  for (let r = 0; r < ROWS; r++)
    addMatrixRow(rows, {
      id: `row${r}`,
      title: `Theme ${r + 1}`,
      prompt: 'Cite a passage.',
      by: teacher!.id,
    });
  for (let r = 0; r < ROWS; r++) {
    for (const [c, s] of [left, right].entries()) {
      for (let k = 0; k < PER_CELL; k++) {
        const n = (r * 2 + c) * PER_CELL + k;
        addMatrixEntry(compareDocs[n % WRITERS]!, users[n % WRITERS]!.id, {
          id: `e${n}`,
          row: `row${r}`,
          caseId: s.caseId,
          claim: `Claim ${n}: the plenum decided it.`,
          evidence: { kind: 'passage', target: [passage(s, n)] },
        });
      }
    }
  }
  compareDocs.forEach((d, i) =>
    updates.push({
      room: compareRoom,
      update: Y.encodeStateAsUpdate(d),
      userId: users[i]!.id,
    }),
  );
  updates.push({
    room: compareRoom,
    update: Y.encodeStateAsUpdate(rows),
    userId: teacher!.id,
  });
  await appendUpdates(updates);
  await rebuildProjections();
  const cookies = await sessionCookies(users);
  await closeSql();

  const app = await startApp({
    DATABASE_URL: scratch.url,
    LOG_LEVEL: 'warn',
    SYNC_UPDATES_PER_SECOND: '1000',
  });
  const browser = await launchBrowser();
  const viewer = { cookie: cookies[0]! };
  const courseUrl = `${app.baseUrl}/c/${course!.id}`;
  const compareUrl = `${courseUrl}/compare?left=${left.id}&right=${right.id}`;
  const results: string[][] = [];
  const step = (what: string) => process.stderr.write(`bench:compare: ${what}\n`);
  try {
    // 1. The single reader, then the compare view: navigation → every reader's notes and badges painted.
    const series = [
      {
        name: 'single reader of CAESAR XV: navigation → notes painted',
        url: `${courseUrl}/d/${left.id}`,
        readers: 1,
        badges: 0,
      },
      {
        name: 'compare view: navigation → both sides’ notes and link badges painted',
        url: compareUrl,
        readers: 2,
        badges: 2,
      },
    ];
    const p50: number[] = [];
    for (const s of only('readers') ? series : []) {
      step(s.name);
      const times: number[] = [];
      for (let i = 0; i < NAVIGATIONS + 1; i++) {
        // A new browser profile each time (nothing in IndexedDB or the caches), from the course home.
        const { context, page } = await openSignedIn(browser, app.baseUrl, viewer, { viewport: { width: 1366, height: 900 } });
        const cdp = await context.newCDPSession(page);
        await page.goto(courseUrl);
        await page.goto(s.url);
        await waitForMark(cdp, 'plenum:notes-painted', s.readers);
        if (s.badges) await waitForMark(cdp, 'plenum:link-badges-painted', s.badges);
        const marks = await page.evaluate(() =>
          ['plenum:notes-painted', 'plenum:link-badges-painted'].flatMap((name) =>
            performance.getEntriesByName(name).map((m) => ({
              name,
              at: m.startTime,
              detail: (m as PerformanceMark).detail as Record<string, number>,
            })),
          ),
        );
        const notes = marks.filter((m) => m.name === 'plenum:notes-painted').reduce((n, m) => n + m.detail.notes!, 0);
        if (notes < NOTES * s.readers) throw new Error(`${s.name}: only ${notes} notes painted`);
        if (s.badges && marks.filter((m) => m.name === 'plenum:link-badges-painted').some((m) => m.detail.badges! < LINKS))
          throw new Error(`${s.name}: a side painted fewer than ${LINKS} badges`);
        if (process.env.BENCH_VERBOSE) {
          const all = await page.evaluate(() =>
            performance
              .getEntriesByType('mark')
              .map((m) => `${m.name} ${Math.round(m.startTime)}`)
              .join(', '),
          );
          const fcp = await page.evaluate(() => Math.round(performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
          step(`${s.name}: fcp ${fcp}; ${all}`);
        }
        await page.locator('[data-sync="ready"]').first().waitFor({ timeout: 60_000 });
        if (i > 0) times.push(Math.max(...marks.map((m) => m.at)));
        await context.close();
      }
      results.push([s.name, pct(times, 0.5).toFixed(0), pct(times, 0.95).toFixed(0), s.readers === 2 ? `${(1.5 * p50[0]!).toFixed(0)} (1.5× the reader)` : '']);
      p50.push(pct(times, 0.5));
    }
    if (only('readers')) results.push(['compare view ÷ single reader (p50)', `${(p50[1]! / p50[0]!).toFixed(2)}×`, '', '1.5×']);
    if (only('links')) {
      step('remote links');
      // 2. A remote link's badge on both sides while 30 clients each add a link every second.
      const { context, page } = await openSignedIn(browser, app.baseUrl, viewer, { viewport: { width: 1366, height: 900 } });
      await page.addInitScript(MARK_ARRIVALS);
      const cdp = await context.newCDPSession(page);
      await page.goto(compareUrl);
      await waitForMark(cdp, 'plenum:link-badges-painted', 2);
      const writers = await connectWriters(app.baseUrl, compareRoom, users, cookies);
      let n = 0;
      const background = setInterval(() => {
        const w = writers[n % WRITERS]!;
        addLink(
          w.doc,
          w.user.id,
          linkEntry({
            id: `bg${n}`,
            relation: 'contrasts with',
            comment: '',
            ends: [passage(left, n * 7), passage(right, n * 11)],
          }),
        );
        n++;
      }, 1000 / WRITERS);
      const latencies: number[] = [];
      const afterArrival: number[] = [];
      // BENCH_PROFILE=<file>: the page's CPU profile while the markers arrive (open it in Chrome's DevTools).
      if (process.env.BENCH_PROFILE) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
      for (let m = 0; m < MARKERS; m++) {
        await sleep(300);
        const w = writers[m % WRITERS]!;
        const key = `${w.user.id}:m${m}`;
        const waiting = page.waitForFunction(
          (key) =>
            document.querySelectorAll(`[data-link="${key}"]`).length >= 2 && new Promise((done) => requestAnimationFrame(() => done(performance.timeOrigin + performance.now()))),
          key,
          { polling: 'raf', timeout: 20_000 },
        );
        const sent = performance.timeOrigin + performance.now();
        addLink(
          w.doc,
          w.user.id,
          linkEntry({
            id: `m${m}`,
            relation: 'responds to',
            comment: `Marker-${m}-end`,
            ends: [passage(left, m * 13), passage(right, m * 17)],
          }),
        );
        const painted = (await (await waiting).jsonValue()) as number;
        latencies.push(painted - sent);
        const arrived = await page.evaluate((m) => (window as unknown as { plenumArrivals: Record<number, number> }).plenumArrivals[m], m);
        if (arrived) afterArrival.push(painted - arrived);
      }
      clearInterval(background);
      if (process.env.BENCH_PROFILE) writeFileSync(process.env.BENCH_PROFILE, JSON.stringify((await cdp.send('Profiler.stop')).profile));
      for (const w of writers) w.provider.destroy();
      results.push([
        `remote link, writer → badge painted on both sides, ${WRITERS} clients writing`,
        pct(latencies, 0.5).toFixed(0),
        pct(latencies, 0.95).toFixed(0),
        '—',
      ]);
      if (afterArrival.length < MARKERS) throw new Error(`saw ${afterArrival.length} of ${MARKERS} markers arrive at the page's socket`);
      results.push([`remote link, its frame at the page's socket → badge painted on both sides, ${WRITERS} clients writing`, pct(afterArrival, 0.5).toFixed(0), pct(afterArrival, 0.95).toFixed(0), '100']);
      await context.close();
    }

    if (only('matrix')) {
      step('the matrix');
      // 3. The matrix: in the page's HTML (first contentful paint), hydrated, and shown from the live room
      //    once it arrives (the room's arrival → re-rendered from it).
      const contentful: number[] = [];
      const hydrated: number[] = [];
      const live: number[] = [];
      for (let i = 0; i < NAVIGATIONS + 1; i++) {
        const matrixPage = await openSignedIn(browser, app.baseUrl, viewer, { viewport: { width: 1366, height: 900 } });
        const matrixCdp = await matrixPage.context.newCDPSession(matrixPage.page);
        await matrixPage.page.goto(courseUrl);
        const profiling = process.env.BENCH_PROFILE && i === NAVIGATIONS;
        if (profiling) await matrixCdp.send('Profiler.enable').then(() => matrixCdp.send('Profiler.start'));
        await matrixPage.page.goto(`${courseUrl}/compare`);
        await waitForMark(matrixCdp, 'plenum:matrix-live');
        if (profiling) writeFileSync(`${process.env.BENCH_PROFILE}.matrix`, JSON.stringify((await matrixCdp.send('Profiler.stop')).profile));
        // (no named functions in here: tsx would wrap them in a helper the page does not have)
        const t = await matrixPage.page.evaluate(() => {
          const [fcp, painted, liveAt, synced] = ['first-contentful-paint', 'plenum:matrix-painted', 'plenum:matrix-live', 'plenum:synced:compare'].map(
            (name) => performance.getEntriesByName(name)[0] as PerformanceMark | undefined,
          );
          return {
            fcp: fcp?.startTime ?? NaN,
            painted: painted?.startTime ?? NaN,
            live: liveAt?.startTime ?? NaN,
            synced: synced?.startTime ?? NaN,
            entries: Math.min(...[painted, liveAt].map((mark) => (mark?.detail as { entries: number } | undefined)?.entries ?? 0)),
            inHtml: document.querySelectorAll('.matrix-entry').length,
          };
        });
        if (t.entries < ROWS * 2 * PER_CELL || t.inHtml < ROWS * 2 * PER_CELL) throw new Error(`the matrix showed ${t.entries} entries`);
        if (i > 0) {
          contentful.push(t.fcp);
          hydrated.push(t.painted);
          live.push(t.live - t.synced);
        }
        await matrixPage.context.close();
      }
      const grid = `${ROWS} rows × 2 cases × ${PER_CELL} entries`;
      results.push([`matrix of ${grid}: navigation → painted (in the page's HTML: first contentful paint)`, pct(contentful, 0.5).toFixed(0), pct(contentful, 0.95).toFixed(0), '']);
      results.push(['matrix: navigation → hydrated (its controls work)', pct(hydrated, 0.5).toFixed(0), pct(hydrated, 0.95).toFixed(0), '']);
      results.push(['matrix: the compare room arrived → shown from it, live', pct(live, 0.5).toFixed(0), pct(live, 0.95).toFixed(0), '300']);
    }
  } catch (error) {
    step(`failed: ${(error as Error).stack}`);
    throw error;
  } finally {
    await browser.close();
    await app.stop();
    await scratch.drop();
  }
  process.stdout.write(`\n${resultsTable(results)}\n`);
}

await main();
process.exit(0);
