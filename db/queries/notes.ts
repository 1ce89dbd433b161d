import { sql } from '../sql';

import type { Visibility } from '../../app/lib/notes/visibility';
/** The notes a member may see: the class's, their own private ones, and for instructors the instructors'. */
const visibleTo = (userId: string, isInstructor: boolean) => sql`
  (visibility = 'class' OR (visibility = 'private' AND author_id = ${userId}) OR (visibility = 'staff' AND ${isInstructor}))`;

/**
 * How many notes (not replies, not deleted) on each document of a course this member can see: the
 * class's, their own private ones, and for instructors the instructors' notes.
 */
export async function noteCountsByDocument(input: { courseId: string; userId: string; isInstructor: boolean }): Promise<Record<string, number>> {
  const rows = await sql<{ document_id: string; n: number }[]>`
    SELECT document_id, count(*)::int AS n FROM notes
    WHERE course_id = ${input.courseId} AND kind = 'note' AND NOT deleted AND ${visibleTo(input.userId, input.isInstructor)}
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

export interface NoteForFirstPaint {
  authorId: string;
  id: string;
  visibility: Visibility;
  documentVersion: number;
  /** Where its passage was written (null for a note on the whole document). */
  passage: { start: number; end: number; quote: string } | null;
  body: string;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
  hidden: boolean;
  hiddenReason: string | null;
  deleted: boolean;
  /** Replies to it this member can see. */
  replies: number;
}

/**
 * The notes on a document this member can see (the class's, their own private ones, and for
 * instructors the instructors'), with their reply counts: what the reader paints before its rooms
 * arrive. A deleted note stays only while it has replies, as in the margin.
 */
export async function notesForFirstPaint(input: {
  courseId: string;
  documentId: string;
  userId: string;
  isInstructor: boolean;
  /** Only these authors' notes and replies (a closed peer gate: the member's and the instructors'). */
  authors?: readonly string[];
}): Promise<NoteForFirstPaint[]> {
  const authors = input.authors ? sql`AND author_id = ANY(${sql.array([...input.authors])}::uuid[])` : sql``;
  const visible = sql`course_id = ${input.courseId} AND document_id = ${input.documentId} AND ${visibleTo(input.userId, input.isInstructor)} ${authors}`;
  // Two plain statements joined here: a join in SQL is planned from statistics, which a table filled
  // by the projection minutes ago may not have yet (a nested loop over thousands of rows).
  const [notes, replies] = await Promise.all([
    sql<Omit<NoteForFirstPaint, 'replies'>[]>`
      SELECT author_id AS "authorId", id, visibility, document_version AS "documentVersion",
        CASE WHEN selectors IS NULL THEN NULL ELSE json_build_object(
          'start', (selectors->'position'->>'start')::int, 'end', (selectors->'position'->>'end')::int, 'quote', quote) END AS passage,
        body, tags, created_at AS "createdAt", updated_at AS "updatedAt", hidden, hidden_reason AS "hiddenReason", deleted
      FROM notes WHERE ${visible} AND kind = 'note'`,
    sql<{ key: string; n: number }[]>`
      SELECT parent_author_id::text || ':' || parent_id AS key, count(*)::int AS n
      FROM notes WHERE ${visible} AND kind = 'reply' GROUP BY 1`,
  ]);
  const counts = new Map(replies.map((r) => [r.key, r.n]));
  return notes
    .map((n) => ({ ...n, replies: counts.get(`${n.authorId}:${n.id}`) ?? 0 }))
    .filter((n) => !n.deleted || n.replies > 0);
}
