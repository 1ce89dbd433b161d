import { sql } from '../sql';

/** The links of a course a member may see, as the reader shows them: the class's (a hidden one only if theirs or they teach) and their own. */
function visibleTo(input: { courseId: string; userId: string; isInstructor: boolean }) {
  return sql`course_id = ${input.courseId} AND NOT deleted
    AND ((visibility = 'class' AND (NOT hidden OR author_id = ${input.userId} OR ${input.isInstructor})) OR (visibility = 'private' AND author_id = ${input.userId}))`;
}

export interface LinkRecord {
  authorId: string;
  id: string;
  visibility: 'class' | 'private';
  relation: string;
  comment: string;
  ends: unknown;
  createdAt: Date;
  updatedAt: Date;
  hidden: boolean;
  hiddenReason: string | null;
  /** Each end's ¶ when projected. */
  blockA: number;
  blockB: number;
}

/** The links touching any of `documentIds` that the member may see (a page's first paint of its badges). */
export function visibleLinksOn(input: { courseId: string; documentIds: string[]; userId: string; isInstructor: boolean }): Promise<LinkRecord[]> {
  return sql<LinkRecord[]>`
    SELECT author_id AS "authorId", id, visibility, relation, comment, ends, created_at AS "createdAt", updated_at AS "updatedAt", hidden, hidden_reason AS "hiddenReason",
      block_a AS "blockA", block_b AS "blockB"
    FROM evidence_links
    WHERE ${visibleTo(input)} AND (source_a = ANY(${sql.array(input.documentIds)}::uuid[]) OR source_b = ANY(${sql.array(input.documentIds)}::uuid[]))
    ORDER BY created_at`;
}

/** How many of the course's links (any visibility, not deleted) name each relation. */
export async function relationsInUse(courseId: string): Promise<Map<string, number>> {
  const rows = await sql<{ relation: string; n: number }[]>`
    SELECT relation, count(*)::int AS n FROM evidence_links WHERE course_id = ${courseId} AND NOT deleted GROUP BY relation`;
  return new Map(rows.map((r) => [r.relation, r.n]));
}

/** A student's links by id, with both ends' sources named, for the assignment's work page. */
export async function linksByIds(input: { courseId: string; authorId: string; ids: string[] }) {
  return sql<{ id: string; relation: string; comment: string; sourceA: string; blockA: number; quoteA: string; titleA: string; sourceB: string; blockB: number; quoteB: string; titleB: string; createdAt: Date }[]>`
    SELECT l.id, l.relation, l.comment, l.source_a AS "sourceA", l.block_a AS "blockA", l.quote_a AS "quoteA", a.title AS "titleA",
      l.source_b AS "sourceB", l.block_b AS "blockB", l.quote_b AS "quoteB", b.title AS "titleB", l.created_at AS "createdAt"
    FROM evidence_links l JOIN documents a ON a.id = l.source_a JOIN documents b ON b.id = l.source_b
    WHERE l.course_id = ${input.courseId} AND l.author_id = ${input.authorId} AND l.visibility = 'class'
      AND l.id = ANY(${sql.array(input.ids)}::text[])
    ORDER BY l.created_at`;
}
