/**
 * `npm run bench:export`: a course of 20,000 notes and 40,000 replies on the demo sources, exported whole by
 * its instructor as CSV, Markdown and JSON-LD through the running app, against `pg_dump` of the same table in the
 * same run (the floor: PostgreSQL writing the rows out with no formatting at all). Prints each export's time
 * and the app server's peak RSS during it, at a quarter of the course and at all of it: streaming keeps the
 * peak flat as the course grows, also when the client reads slowly. BENCH_NOTES makes it smaller (or larger); replies are twice the notes.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { closeSql, sql } from '../../db/sql';
import { seed } from '../../db/seed/demo';
import { startApp, type RunningApp } from '../helpers/app-server';
import { sleep } from './browser-timing';
import { printTable } from './report';
import { openScratchDatabase } from './scratch-database';
import { sessionCookies } from './writers';

const NOTES = Number(process.env.BENCH_NOTES ?? 20_000);
const step = (what: string) => console.error(`bench:export: ${what}`);

/** Notes numbered [from, to) on the course's sources, each with two replies by another member. */
async function writeNotes(courseId: string, authors: string[], from: number, to: number) {
  const documents = await sql<{ id: string; body: string }[]>`
    SELECT v.document_id AS id, v.body FROM document_versions v JOIN course_documents cd ON cd.document_id = v.document_id AND cd.course_id = ${courseId}`;
  await sql`
    INSERT INTO notes (room, author_id, id, course_id, document_id, visibility, kind, quote, selectors, document_version, body, tags, created_at, updated_at)
    SELECT 'doc:' || ${courseId} || ':' || d.id, a.id, 'n' || g, ${courseId}, d.id, 'class', 'note',
           substr(d.body, s.start + 1, 40),
           jsonb_build_object('position', jsonb_build_object('type', 'TextPositionSelector', 'start', s.start, 'end', s.start + 40),
                              'quote', jsonb_build_object('type', 'TextQuoteSelector', 'exact', substr(d.body, s.start + 1, 40), 'prefix', '', 'suffix', '')),
           1, 'A note on this passage, number ' || g || ', with a few words more to read like one.', '{bench}', now() - (g || ' seconds')::interval, now()
    FROM generate_series(${from}::int, ${to - 1}::int) g
    JOIN LATERAL (SELECT (${sql.array(documents.map((d) => d.id))}::uuid[])[1 + g % ${documents.length}] AS id,
                         (${sql.array(documents.map((d) => d.body))}::text[])[1 + g % ${documents.length}] AS body) d ON true
    JOIN LATERAL (SELECT (g * 7919) % greatest(length(d.body) - 41, 1) AS start) s ON true
    JOIN LATERAL (SELECT (${sql.array(authors)}::uuid[])[1 + g % ${authors.length}] AS id) a ON true`;
  await sql`
    INSERT INTO notes (room, author_id, id, course_id, document_id, visibility, kind, parent_id, parent_author_id, document_version, body, tags, created_at, updated_at)
    SELECT n.room, (${sql.array(authors)}::uuid[])[1 + (g + r) % ${authors.length}], 'r' || g || '-' || r, ${courseId}, n.document_id, 'class', 'reply',
           n.id, n.author_id, 1, 'A reply, number ' || r || ', to note ' || g || '.', '{}', n.created_at + (r || ' seconds')::interval, now()
    FROM generate_series(${from}::int, ${to - 1}::int) g CROSS JOIN generate_series(1, 2) r
    JOIN notes n ON n.course_id = ${courseId} AND n.id = 'n' || g`;
  await sql`VACUUM ANALYZE notes`;
}

/** The server's resident memory now, in MiB (Linux). */
async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** Downloads an export to the end, sampling the server's RSS meanwhile: [ms, bytes, peak MiB, MiB before]. */
async function timeExport(app: RunningApp, url: string, cookie: string, pauseMs = 0): Promise<[number, number, number, number]> {
  const before = await rssOf(app.process.pid!);
  let peak = before;
  let running = true;
  const sampling = (async () => {
    while (running) {
      peak = Math.max(peak, await rssOf(app.process.pid!));
      await sleep(10);
    }
  })();
  const started = performance.now();
  const response = await fetch(url, { headers: { Cookie: cookie } });
  if (!response.ok) throw new Error(`export answered ${response.status}`);
  let bytes = 0;
  const reader = response.body!.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    bytes += next.value.length;
    // A slow client (a phone on a train): the server must not buffer what it has not taken yet.
    if (pauseMs > 0) await sleep(pauseMs);
  }
  const ms = performance.now() - started;
  running = false;
  await sampling;
  return [ms, bytes, peak, before];
}

function timePgDump(databaseUrl: string): Promise<[number, number]> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('pg_dump', ['--data-only', '--table=notes', databaseUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
    let bytes = 0;
    child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve([performance.now() - started, bytes]) : reject(new Error(`pg_dump exited with ${code}`))));
  });
}

async function main() {
  const scratch = await openScratchDatabase();
  let app: RunningApp | null = null;
  try {
    await seed({ demo: true });
    const [course] = await sql<{ id: string }[]>`SELECT id FROM courses LIMIT 1`;
    const courseId = course!.id;
    const [teacher] = await sql<{ id: string }[]>`SELECT user_id AS id FROM memberships WHERE course_id = ${courseId} AND role = 'instructor' LIMIT 1`;
    const authors = (await sql<{ id: string }[]>`SELECT user_id AS id FROM memberships WHERE course_id = ${courseId}`).map((r) => r.id);
    await sql`DELETE FROM notes WHERE course_id = ${courseId}`;
    const [cookie] = await sessionCookies([teacher!]);
    app = await startApp({ DATABASE_URL: scratch.url });
    const results: string[][] = [];
    for (const [label, upTo] of [['a quarter', Math.floor(NOTES / 4)], ['all', NOTES]] as const) {
      const [{ n: had }] = (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM notes WHERE kind = 'note'`) as unknown as [{ n: number }];
      step(`writing notes ${had.toLocaleString()}–${upTo.toLocaleString()} and their replies`);
      await writeNotes(courseId, authors, had, upTo);
      const rows = upTo * 3;
      for (const format of ['csv', 'md', 'jsonld'] as const) {
        step(`exporting ${label} of the course (${rows.toLocaleString()} rows) as ${format}`);
        const [ms, bytes, peak, before] = await timeExport(app, `${app.baseUrl}/c/${courseId}/export/download?format=${format}&scope=course`, cookie!);
        results.push([`${format.toUpperCase()} export, ${label} (${rows.toLocaleString()} rows)`, (ms / 1000).toFixed(2), `${(bytes / 1024 / 1024).toFixed(1)}`, `${peak.toFixed(0)} (+${(peak - before).toFixed(0)})`]);
      }
      step(`exporting ${label} of the course as csv to a slow reader`);
      const [slowMs, slowBytes, slowPeak, slowBefore] = await timeExport(app, `${app.baseUrl}/c/${courseId}/export/download?format=csv&scope=course`, cookie!, 10);
      results.push([`CSV export, ${label}, read slowly (10 ms a chunk)`, (slowMs / 1000).toFixed(2), `${(slowBytes / 1024 / 1024).toFixed(1)}`, `${slowPeak.toFixed(0)} (+${(slowPeak - slowBefore).toFixed(0)})`]);
      const [dumpMs, dumpBytes] = await timePgDump(scratch.url);
      results.push([`pg_dump of the notes table, ${label} (the floor)`, (dumpMs / 1000).toFixed(2), `${(dumpBytes / 1024 / 1024).toFixed(1)}`, '']);
    }
    console.log(`\n${NOTES.toLocaleString()} notes and ${(NOTES * 2).toLocaleString()} replies at most; the app server's RSS sampled every 10 ms during each export.\n`);
    printTable(['measure', 's', 'MiB out', 'server peak RSS MiB (+ over its RSS before)'], results);
    console.log('\nStreaming: the peak over the server\'s RSS before should be about the same for a quarter of the course and for all of it.');
  } finally {
    await app?.stop();
    await closeSql();
    await scratch.drop();
  }
}

await main();
