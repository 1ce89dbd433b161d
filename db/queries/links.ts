import { sql } from '../sql';

/**
 * The ¶ of each far end of the evidence links on `documentId` that the member may see (the class's,
 * a hidden one only if theirs or they teach, and their own "Only me" ones): keyed "<source>:<start>",
 * for the single reader's badges, whose far sources' paragraphs the page does not hold.
 */
export async function farEndBlocks(input: { courseId: string; documentId: string; userId: string; isInstructor: boolean }): Promise<Record<string, number>> {
  const visible = sql`course_id = ${input.courseId} AND NOT deleted
    AND ((visibility = 'class' AND (NOT hidden OR author_id = ${input.userId} OR ${input.isInstructor})) OR (visibility = 'private' AND author_id = ${input.userId}))`;
  const rows = await sql<{ source: string; start: number; block: number }[]>`
    SELECT source_b AS source, (ends -> 1 -> 'selector' -> 0 ->> 'start')::int AS start, block_b AS block FROM evidence_links WHERE ${visible} AND source_a = ${input.documentId}
    UNION ALL
    SELECT source_a, (ends -> 0 -> 'selector' -> 0 ->> 'start')::int, block_a FROM evidence_links WHERE ${visible} AND source_b = ${input.documentId}`;
  return Object.fromEntries(rows.map((r) => [`${r.source}:${r.start}`, r.block]));
}

/** How many of the course's links (any visibility, not deleted) name each relation. */
export async function relationsInUse(courseId: string): Promise<Map<string, number>> {
  const rows = await sql<{ relation: string; n: number }[]>`
    SELECT relation, count(*)::int AS n FROM evidence_links WHERE course_id = ${courseId} AND NOT deleted GROUP BY relation`;
  return new Map(rows.map((r) => [r.relation, r.n]));
}
