/**
 * `npm run bench:search`: search in a course of 100,000 source paragraphs and 100,000 notes, made from the
 * demo corpus (its paragraphs repeated across 20 sources, names now and then misread as OCR does), against a
 * plain `ILIKE` scan of the same tables in the same run. Queries: a name, a common word, a misspelt name.
 * The searches are timed in a process of their own (search-timing.ts), as the app server runs them; then the
 * search page's paint in Chromium. Prints p50 and p95 of each, the indexes' size and how long they take to
 * build. Targets: p95 under 50 ms; the page painted within 150 ms of the answer.
 * BENCH_PARAGRAPHS and BENCH_NOTES make it smaller (or larger).
 */
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { closeSql, sql } from '../../db/sql';
import { seed } from '../../db/seed/demo';
import { importDocument } from '~/lib/sources/import.server';
import { launchBrowser, openSignedIn } from '../e2e/browser';
import { startApp } from '../helpers/app-server';
import { pct, resultsTable, sleep } from './browser-timing';
import { openScratchDatabase } from './scratch-database';
import { sessionCookies } from './writers';
import type { TimingRequest, TimingResult } from './search-timing';

const PARAGRAPHS = Number(process.env.BENCH_PARAGRAPHS ?? 100_000);
const NOTES = Number(process.env.BENCH_NOTES ?? 100_000);
const SOURCES = 20;
const RUNS = 40;
const WARM_UP = 10;
const PAINTS = Number(process.env.BENCH_PAINTS ?? 20);
const SOURCE_DIR = new URL('../../db/seed/sources/', import.meta.url);

const step = (what: string) => console.error(`bench:search: ${what}`);

// What OCR does to a name now and then.
const MISREADINGS: Record<string, string[]> = { Malenkov: ['Halenkov', 'Ualenkov'], Molotov: ['Uolotov', 'Holotov'], Khrushchev: ['Khrushchcv', 'Khruschev'] };

function misread(paragraph: string, i: number): string {
  return paragraph.replace(/Malenkov|Molotov|Khrushchev/g, (name, at: number) => ((i + at) % 7 === 0 ? MISREADINGS[name]![(i + at) % 2]! : name));
}

/** The searches timed by search-timing.ts, in a process of its own (as the app server is). */
function timeSearches(databaseUrl: string, request: TimingRequest): Promise<TimingResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('search-timing.ts', import.meta.url)), JSON.stringify(request)], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as TimingResult[]) : reject(new Error(`search-timing.ts exited with ${code}`))));
  });
}

async function time<T>(run: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await run();
  return [performance.now() - started, result];
}

async function main() {
  const scratch = await openScratchDatabase();
  try {
    await seed({ demo: true });
    const [course] = await sql<{ id: string }[]>`SELECT id FROM courses LIMIT 1`;
    const courseId = course!.id;
    const [teacher] = await sql<{ id: string }[]>`SELECT user_id AS id FROM memberships WHERE course_id = ${courseId} AND role = 'instructor' LIMIT 1`;
    const [student] = await sql<{ id: string }[]>`SELECT user_id AS id FROM memberships WHERE course_id = ${courseId} AND role = 'student' LIMIT 1`;
    const [caseRow] = await sql<{ id: string }[]>`SELECT id FROM course_cases WHERE course_id = ${courseId} LIMIT 1`;

    step(`making ${SOURCES} sources of ${PARAGRAPHS.toLocaleString()} paragraphs in all`);
    const corpus: string[] = [];
    for (const file of (await readdir(SOURCE_DIR)).filter((f) => f.endsWith('.txt'))) {
      corpus.push(...(await readFile(new URL(file, SOURCE_DIR), 'utf8')).split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p.length > 40));
    }
    const perSource = Math.ceil(PARAGRAPHS / SOURCES);
    const [indexTime] = await time(async () => {
      for (let s = 0; s < SOURCES; s++) {
        const paragraphs = Array.from({ length: perSource }, (_, i) => misread(corpus[(s * 7919 + i) % corpus.length]!, s * perSource + i));
        await importDocument({
          meta: { slug: `bench-${s}`, title: `Bench source ${s + 1}`, kind: 'primary', genre: '', date: null, origin: '', textNote: '' },
          text: paragraphs.join('\n\n') + '\n',
          createdBy: teacher!.id,
          courseId,
          caseId: caseRow!.id,
        });
      }
    });

    step(`writing ${NOTES.toLocaleString()} notes`);
    const documents = await sql<{ id: string }[]>`SELECT document_id AS id FROM course_documents WHERE course_id = ${courseId}`;
    await sql`
      INSERT INTO notes (room, author_id, id, course_id, document_id, visibility, kind, parent_id, parent_author_id, quote, selectors,
                         document_version, body, tags, created_at, updated_at, hidden, deleted)
      SELECT 'doc:' || ${courseId} || ':' || d.id, ${student!.id}, 'n' || g, ${courseId}, d.id, CASE WHEN g % 10 = 0 THEN 'private' ELSE 'class' END,
             'note', NULL, NULL, NULL, NULL, 1, c.body, '{}', now(), now(), g % 50 = 0, false
      FROM generate_series(1, ${NOTES}) g
      JOIN LATERAL (SELECT (${sql.array(documents.map((d) => d.id))}::uuid[])[1 + g % ${documents.length}] AS id) d ON true
      JOIN LATERAL (SELECT (${sql.array(corpus.map((p) => p.slice(0, 300)))}::text[])[1 + (g * 31) % ${corpus.length}] AS body) c ON true`;
    // Vacuumed and analysed, as a database in use is: otherwise autovacuum would work through the new rows while the queries are timed.
    await sql`VACUUM ANALYZE`;

    // Index size, and the time to build the indexes from scratch on this data.
    const [sizes] = await sql<{ blocks: number; words: number; notes: number }[]>`
      SELECT pg_relation_size('document_blocks_search_idx') AS blocks, pg_relation_size('document_words_trgm_idx') AS words, pg_relation_size('notes_search_idx') AS notes`;
    const [rebuild] = await time(() => sql`REINDEX INDEX document_blocks_search_idx`.then(() => sql`REINDEX INDEX document_words_trgm_idx`).then(() => sql`REINDEX INDEX notes_search_idx`));

    const queries = [
      ['a name', 'Malenkov'],
      ['a common word', 'party'],
      ['a misspelt name', 'Malenkof'],
    ] as const;
    step(`searching ${RUNS} times for each of ${queries.map(([, q]) => q).join(', ')}, from a process of its own`);
    const timed = await timeSearches(scratch.url, { courseId, userId: student!.id, queries: queries.map(([, q]) => q), runs: RUNS, warmUp: WARM_UP });
    const results: string[][] = [];
    for (const [i, [what, q]] of queries.entries()) {
      const { found, ours, scan } = timed[i]!;
      results.push([`search: ${what} (“${q}”, ${found.toLocaleString()} hits)`, pct(ours, 0.5).toFixed(1), pct(ours, 0.95).toFixed(1), '50']);
      results.push([`ILIKE scan: ${what} (no variants, first 20 of each)`, pct(scan, 0.5).toFixed(1), pct(scan, 0.95).toFixed(1), '']);
    }
    step(`the search page in Chromium: ${PAINTS} searches typed into the field`);
    const [cookie] = await sessionCookies([student!]);
    results.push(['search page: results painted after the answer arrived', ...(await pagePaints(courseId, cookie!, scratch.url)).map((ms) => ms.toFixed(1)), '150']);
    console.log(`\n${PARAGRAPHS.toLocaleString()} paragraphs in ${SOURCES} sources, ${NOTES.toLocaleString()} notes; ${RUNS} runs of each query after ${WARM_UP} of each to warm up.\n`);
    console.log(resultsTable(results));
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
    console.log(`\nindexes: paragraphs ${mb(sizes!.blocks)}, source words (trigrams) ${mb(sizes!.words)}, notes ${mb(sizes!.notes)}; built again from scratch in ${(rebuild / 1000).toFixed(1)} s`);
    console.log(`importing the sources (split, stored, indexed) took ${(indexTime / 1000).toFixed(1)} s`);
  } finally {
    await closeSql();
    // BENCH_KEEP=1 keeps the database, to look at the queries' plans (EXPLAIN ANALYZE).
    if (process.env.BENCH_KEEP) {
      console.log(`kept: ${scratch.url}`);
      await scratch.keep();
    } else await scratch.drop();
  }
}

/**
 * How long the search page takes to paint its results once the answer has arrived: from the answer's
 * `responseEnd` (its `.data` request, from resource timing) to the frame after React put the results in
 * the page (a MutationObserver, then the next animation frame). Returns [p50, p95].
 */
async function pagePaints(courseId: string, cookie: string, databaseUrl: string): Promise<[number, number]> {
  const app = await startApp({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
  const browser = await launchBrowser();
  try {
    const { page } = await openSignedIn(browser, app.baseUrl, { cookie }, { viewport: { width: 1366, height: 800 } });
    await page.goto(`${app.baseUrl}/c/${courseId}/search`);
    await page.locator('#search-q').waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { answers: number[]; painted: number[] };
      w.answers = [];
      w.painted = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.name.includes('search.data')) w.answers.push((e as PerformanceResourceTiming).responseEnd);
      }).observe({ type: 'resource', buffered: true });
      let pending = false;
      new MutationObserver(() => {
        if (pending || !document.querySelector('.search-hit')) return;
        pending = true;
        requestAnimationFrame(() => {
          w.painted.push(performance.now());
          pending = false;
        });
      }).observe(document.querySelector('.search-page')!, { childList: true, subtree: true, characterData: true });
    });
    const words = ['Malenkov', 'party', 'Molotov', 'plenum', 'Kaganovich', 'presidium', 'Khrushchev', 'committee'];
    const delays: number[] = [];
    for (let i = 0; i < PAINTS + 2; i++) {
      const before = await page.evaluate(() => (window as unknown as { answers: number[] }).answers.length);
      await page.locator('#search-q').fill(words[i % words.length]!);
      // One answer, then its paint (typing searches after a 300 ms pause; a member may search 20 times in 10 s).
      for (let waited = 0; waited < 30_000; waited += 20) {
        const [answers, painted] = await page.evaluate(() => [(window as unknown as { answers: number[] }).answers, (window as unknown as { painted: number[] }).painted] as const);
        const answer = answers[before];
        const paint = answer === undefined ? undefined : painted.find((t) => t >= answer);
        if (answer !== undefined && paint !== undefined) {
          if (i >= 2) delays.push(paint - answer);
          break;
        }
        await sleep(20);
      }
      await sleep(600);
    }
    return [pct(delays, 0.5), pct(delays, 0.95)];
  } finally {
    await browser.close();
    await app.stop();
  }
}

await main();
