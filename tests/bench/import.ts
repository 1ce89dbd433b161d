/**
 * `npm run bench:import`: an instructor imports a Hypothesis export of 10,000 annotations (BENCH_ANNOTATIONS)
 * onto the longest demo source through the running app, while another client asks /healthz every 10 ms. Prints
 * the import's time and the probe's latency during it, against the same probe on the idle server in the same
 * run (the reference), and how long the same work blocks a thread when done in-process (what the members would
 * wait for if the import ran on the server's main thread instead of its worker).
 */
import { closeSql, sql } from '../../db/sql';
import { seed } from '../../db/seed/demo';
import { placeImport, readImportFile, type ImportJob } from '../../server/import/import-worker';
import { startApp, type RunningApp } from '../helpers/app-server';
import { sleep } from './browser-timing';
import { printTable } from './report';
import { openScratchDatabase } from './scratch-database';
import { sessionCookies } from './writers';

const ANNOTATIONS = Number(process.env.BENCH_ANNOTATIONS ?? 10_000);
const step = (what: string) => console.error(`bench:import: ${what}`);

/** A Hypothesis export of `n` annotations on `text`: most quoted exactly, one in ten misspelt, one in twenty from elsewhere. */
function hypothesisFile(text: string, n: number): string {
  const annotations = Array.from({ length: n }, (_, i) => {
    const start = (i * 7919) % Math.max(text.length - 130, 1);
    const length = 40 + (i % 80);
    let exact = text.slice(start, start + length);
    if (i % 10 === 3) exact = exact.replace(/[aeiou]/, 'x');
    if (i % 20 === 7) exact = `A sentence that is in no version of this source, number ${i}.`;
    return {
      id: `bench-${i}`,
      created: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      user: `acct:reader${i % 30}@hypothes.is`,
      text: `Annotation ${i}: a remark of a sentence or two, as a student would write it in the margin.`,
      tags: i % 3 === 0 ? ['imported', `t${i % 7}`] : [],
      target: [{ source: 'https://example.org/source', selector: [{ type: 'TextQuoteSelector', exact, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(start + length, start + length + 32) }] }],
    };
  });
  return JSON.stringify({ export_date: new Date().toISOString(), export_userid: 'acct:bench@hypothes.is', client_version: 'bench', annotations });
}

/** /healthz asked every 10 ms until `until` settles: each answer's latency in ms. */
async function probe(app: RunningApp, until: Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  void until.finally(() => (done = true));
  while (!done) {
    const started = performance.now();
    await fetch(`${app.baseUrl}/healthz`).then((r) => r.arrayBuffer());
    latencies.push(performance.now() - started);
    await sleep(10);
  }
  return latencies;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const row = (label: string, values: number[]) => [label, String(values.length), percentile(values, 50).toFixed(1), percentile(values, 99).toFixed(1), Math.max(...values).toFixed(1)];

async function main() {
  const scratch = await openScratchDatabase();
  let app: RunningApp | null = null;
  try {
    await seed({ demo: true });
    const [course] = await sql<{ id: string }[]>`SELECT id FROM courses LIMIT 1`;
    const [teacher] = await sql<{ id: string }[]>`SELECT user_id AS id FROM memberships WHERE course_id = ${course!.id} AND role = 'instructor' LIMIT 1`;
    const [source] = await sql<{ id: string; body: string; version: number }[]>`
      SELECT v.document_id AS id, v.body, v.version FROM document_versions v JOIN course_documents cd ON cd.document_id = v.document_id AND cd.course_id = ${course!.id}
      ORDER BY length(v.body) DESC LIMIT 1`;
    const file = hypothesisFile(source!.body, ANNOTATIONS);
    const [cookie] = await sessionCookies([teacher!]);
    // Room for 10,000 notes in one member's branch (the default quota keeps a member to 2 MiB on a source).
    app = await startApp({ DATABASE_URL: scratch.url, SYNC_MEMBER_ROOM_BYTES: String(64 * 1024 * 1024), SYNC_ROOM_BYTES: String(128 * 1024 * 1024), MAX_IMPORT_ANNOTATIONS: String(ANNOTATIONS) });

    step('probing the idle server (the reference)');
    const idle = await probe(app, sleep(3000));

    step(`importing ${ANNOTATIONS.toLocaleString()} annotations (${(file.length / 1024 / 1024).toFixed(1)} MiB) while probing`);
    const form = new FormData();
    form.append('file', new File([file], 'hypothesis.json', { type: 'application/json' }));
    form.append('visibility', 'class');
    const started = performance.now();
    const importing = fetch(`${app.baseUrl}/c/${course!.id}/d/${source!.id}/import`, { method: 'POST', body: form, headers: { Cookie: cookie!, Origin: app.baseUrl, 'Sec-Fetch-Site': 'same-origin' } }).then(async (r) => {
      const page = (await r.text()).replaceAll('<!-- -->', '');
      if (r.status !== 200) throw new Error(`import answered ${r.status}: ${app!.output.filter((l) => /"level":50|Error/.test(l)).slice(-3).join('\n')}`);
      return /<h2 id="import-report-title"[^>]*>([^<]+)</.exec(page)?.[1] ?? '(no report)';
    });
    const during = await probe(app, importing);
    const report = await importing;
    const importMs = performance.now() - started;
    const [{ n: stored }] = (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM notes WHERE author_id = ${teacher!.id} AND document_id = ${source!.id}`) as unknown as [{ n: number }];

    step('the same work in-process, for what a main thread would be blocked');
    const blockedStarted = performance.now();
    const job: ImportJob = { room: `doc:${course!.id}:${source!.id}`, file: new TextEncoder().encode(file), text: source!.body, version: source!.version, importerId: teacher!.id, maxAnnotations: ANNOTATIONS, quota: { memberBytes: 1e9, roomBytes: 1e9 }, now: Date.now() };
    const read = readImportFile(job);
    if (!read.ok) throw new Error(read.error);
    const inProcess = placeImport(job, read, []).outcome;
    const blockedMs = performance.now() - blockedStarted;
    if (!inProcess.ok) throw new Error(inProcess.error);

    console.log(`\n${ANNOTATIONS.toLocaleString()} annotations onto “${(await sql<{ title: string }[]>`SELECT title FROM documents WHERE id = ${source!.id}`)[0]!.title}” (${source!.body.length.toLocaleString()} characters): ${report}; ${stored.toLocaleString()} in the notes table.`);
    console.log(`Import: ${(importMs / 1000).toFixed(2)} s end to end. The same parsing and placing in one thread: ${blockedMs.toFixed(0)} ms without a break.\n`);
    printTable(['/healthz probe', 'answers', 'p50 ms', 'p99 ms', 'max ms'], [row('idle server (reference)', idle), row('during the import', during)]);
    console.log('\nOn its worker the import should leave the probe near the reference; on the main thread every answer in that window would wait up to the blocked time above.');
  } finally {
    await app?.stop();
    await closeSql();
    await scratch.drop();
  }
}

await main();
