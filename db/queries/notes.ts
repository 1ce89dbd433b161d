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

export interface NoteForReport {
  id: string;
  documentId: string;
  documentTitle: string;
  kind: 'note' | 'reply';
  parentId: string | null;
  parentAuthorId: string | null;
  quote: string | null;
  body: string;
  createdAt: Date;
}

/** One author's class-visible notes and replies among `ids` on a course's documents (newest first). */
export async function notesByIds(input: { courseId: string; authorId: string; ids: string[] }): Promise<NoteForReport[]> {
  if (input.ids.length === 0) return [];
  return sql<NoteForReport[]>`
    SELECT n.id, n.document_id AS "documentId", d.title AS "documentTitle", n.kind, n.parent_id AS "parentId",
      n.parent_author_id AS "parentAuthorId", n.quote, n.body, n.created_at AS "createdAt"
    FROM notes n JOIN documents d ON d.id = n.document_id
    WHERE n.course_id = ${input.courseId} AND n.author_id = ${input.authorId} AND n.visibility = 'class'
      AND n.id = ANY(${sql.array(input.ids)})
    ORDER BY n.created_at DESC`;
}
