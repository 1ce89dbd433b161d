/**
 * The timed part of `npm run bench:search`, in a process of its own as the app server is: the bench's
 * own process has just imported 100,000 paragraphs and holds the corpus, and its collector would run
 * during the timed searches. Reads what to time as JSON on argv[2] (DATABASE_URL is the bench's
 * database) and prints each query's times, and the plain `ILIKE` scan's, as JSON on stdout.
 */
import { closeSql, sql } from '../../db/sql';
import { runSearch } from '~/lib/search/search.server';

export interface TimingRequest {
  courseId: string;
  userId: string;
  queries: string[];
  runs: number;
  /** Runs of every query before any is timed: each of the pool's connections plans its statements once, as a server's have long since done. */
  warmUp: number;
}

export interface TimingResult {
  query: string;
  found: number;
  ours: number[];
  scan: number[];
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function main() {
  const request = JSON.parse(process.argv[2]!) as TimingRequest;
  const who = { courseId: request.courseId, userId: request.userId, isInstructor: false };
  for (let i = 0; i < request.warmUp; i++) for (const q of request.queries) await runSearch(who, q, {});
  const results: TimingResult[] = [];
  for (const q of request.queries) {
    const result: TimingResult = { query: q, found: 0, ours: [], scan: [] };
    for (let i = 0; i < request.runs; i++) {
      let answer: Awaited<ReturnType<typeof runSearch>> | undefined;
      result.ours.push(await time(async () => (answer = await runSearch(who, q, {}))));
      if (!answer?.ok) throw new Error(answer?.error ?? 'no answer');
      result.found = answer.groups.reduce((n, g) => n + g.total, 0);
      // The plain way: a case-insensitive scan of the same text, as many rows, with the same visibility.
      const pattern = `%${q}%`;
      result.scan.push(
        await time(() =>
          Promise.all([
            sql`SELECT b.number, b.body FROM document_blocks b JOIN document_versions v ON v.id = b.version_id
                JOIN course_documents cd ON cd.document_id = v.document_id AND cd.course_id = ${who.courseId} WHERE b.body ILIKE ${pattern} LIMIT 20`,
            sql`SELECT id, body FROM notes WHERE course_id = ${who.courseId} AND NOT deleted AND body ILIKE ${pattern}
                AND ((visibility = 'class' AND NOT hidden) OR author_id = ${who.userId}) LIMIT 20`,
          ]),
        ),
      );
    }
    results.push(result);
  }
  console.log(JSON.stringify(results));
  await closeSql();
}

await main();
