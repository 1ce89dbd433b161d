import { sql } from '../sql';

/**
 * How many notes (not replies, not deleted) on each document of a course this member can see: the
 * class's, their own private ones, and for instructors the instructors' notes.
 */
export async function noteCountsByDocument(input: { courseId: string; userId: string; isInstructor: boolean }): Promise<Record<string, number>> {
  const rows = await sql<{ document_id: string; n: number }[]>`
    SELECT document_id, count(*)::int AS n FROM notes
    WHERE course_id = ${input.courseId} AND kind = 'note' AND NOT deleted
      AND (visibility = 'class'
        OR (visibility = 'private' AND author_id = ${input.userId})
        OR (visibility = 'staff' AND ${input.isInstructor}))
    GROUP BY document_id`;
  return Object.fromEntries(rows.map((r) => [r.document_id, r.n]));
}
