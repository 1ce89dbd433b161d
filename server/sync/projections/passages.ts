/**
 * Where the passages that links and matrix entries cite are: each end's ¶ number, if the end is on a
 * source of the course, at a version it has, within the text and inside a numbered ¶. What the sync
 * server cannot check (it does not read the sources) the projections check with this.
 */
import type { LinkEnd } from '~/lib/compare/links';
import type { Transaction } from '../../../db/sql';

/** Each end's ¶ number, in order; undefined where the course cannot hold the end. */
export async function blocksOfEnds(tx: Transaction, courseId: string, ends: readonly LinkEnd[]): Promise<(number | undefined)[]> {
  if (ends.length === 0) return [];
  const found = await tx<{ i: string; number: number }[]>`
    SELECT e.i, b.number
    FROM unnest(${tx.array(ends.map((e) => e.source))}::uuid[], ${tx.array(ends.map((e) => e.version))}::int[],
                ${tx.array(ends.map((e) => e.selector[0].start))}::int[], ${tx.array(ends.map((e) => e.selector[0].end))}::int[])
         WITH ORDINALITY AS e (source, version, start_at, end_at, i)
    JOIN course_documents cd ON cd.course_id = ${courseId} AND cd.document_id = e.source
    JOIN document_versions v ON v.document_id = e.source AND v.version = e.version
    JOIN document_blocks b ON b.version_id = v.id AND b.start_offset <= e.start_at AND e.start_at < b.end_offset
    WHERE e.start_at < e.end_at AND e.end_at <= length(v.body)`;
  const blockOf = new Map(found.map((f) => [Number(f.i) - 1, f.number]));
  return ends.map((_, i) => blockOf.get(i));
}
