/** The comparison matrix as projected (server/sync/projections/matrix.ts): rows, not rules. */
import { sql } from '../sql';

export interface MatrixRowRecord {
  id: string;
  title: string;
  prompt: string;
  locked: boolean;
}

export interface MatrixEntryRecord {
  authorId: string;
  authorName: string;
  id: string;
  rowId: string;
  caseId: string;
  claim: string;
  kind: 'passage' | 'note' | 'link';
  sourceA: string;
  titleA: string;
  blockA: number;
  quoteA: string;
  sourceB: string | null;
  titleB: string | null;
  blockB: number | null;
  quoteB: string | null;
  hidden: boolean;
  createdAt: Date;
}

/** The course's rows that are not deleted, in their order. */
export function matrixRows(courseId: string): Promise<MatrixRowRecord[]> {
  return sql<MatrixRowRecord[]>`
    SELECT id, title, prompt, locked FROM matrix_rows
    WHERE course_id = ${courseId} AND room = ${`compare:${courseId}`} AND NOT deleted
    ORDER BY position, created_at`;
}

/** The course's entries that are not deleted, in rows that are not, oldest first, with their sources' titles. */
export function matrixEntries(courseId: string): Promise<MatrixEntryRecord[]> {
  return sql<MatrixEntryRecord[]>`
    SELECT e.author_id AS "authorId", coalesce(u.display_name, 'Former member') AS "authorName", e.id, e.row_id AS "rowId", e.case_id AS "caseId",
           e.claim, e.kind, e.source_a AS "sourceA", da.title AS "titleA", e.block_a AS "blockA", e.quote_a AS "quoteA",
           e.source_b AS "sourceB", db.title AS "titleB", e.block_b AS "blockB", e.quote_b AS "quoteB", e.hidden, e.created_at AS "createdAt"
    FROM matrix_entries e
    JOIN matrix_rows r ON r.room = e.room AND r.id = e.row_id AND NOT r.deleted
    JOIN documents da ON da.id = e.source_a
    LEFT JOIN documents db ON db.id = e.source_b
    LEFT JOIN users u ON u.id = e.author_id
    WHERE e.course_id = ${courseId} AND e.room = ${`compare:${courseId}`} AND NOT e.deleted
    ORDER BY e.created_at, e.author_id, e.id`;
}

/** One author's entries by id, with their row's theme and the cited source's title (a student's work page). */
export function matrixEntriesByIds(input: { courseId: string; authorId: string; ids: string[] }) {
  return sql<{ id: string; rowTitle: string; caseTitle: string; claim: string; sourceA: string; titleA: string; blockA: number; quoteA: string; createdAt: Date }[]>`
    SELECT e.id, r.title AS "rowTitle", c.title AS "caseTitle", e.claim, e.source_a AS "sourceA", d.title AS "titleA", e.block_a AS "blockA", e.quote_a AS "quoteA", e.created_at AS "createdAt"
    FROM matrix_entries e
    JOIN matrix_rows r ON r.room = e.room AND r.id = e.row_id
    JOIN course_cases c ON c.id = e.case_id
    JOIN documents d ON d.id = e.source_a
    WHERE e.course_id = ${input.courseId} AND e.room = ${`compare:${input.courseId}`} AND e.author_id = ${input.authorId} AND e.id = ANY(${sql.array(input.ids)})
    ORDER BY e.created_at`;
}

/** Every row of the course's matrix, the deleted ones too (instructors restore them), for the page's first paint. */
export function allMatrixRows(courseId: string) {
  return sql<{ id: string; by: string; title: string; prompt: string; position: number; locked: boolean; deleted: boolean; createdAt: Date; updatedAt: Date }[]>`
    SELECT id, author_id AS by, title, prompt, position, locked, deleted, created_at AS "createdAt", updated_at AS "updatedAt"
    FROM matrix_rows WHERE course_id = ${courseId} AND room = ${`compare:${courseId}`} ORDER BY position, created_at`;
}

/** The entries a member may see (not deleted; a hidden one only if theirs or they teach), for the page's first paint. */
export function visibleMatrixEntries(input: { courseId: string; userId: string; isInstructor: boolean }) {
  return sql<{ authorId: string; id: string; rowId: string; caseId: string; claim: string; evidence: unknown; createdAt: Date; updatedAt: Date; hidden: boolean; hiddenReason: string | null }[]>`
    SELECT author_id AS "authorId", id, row_id AS "rowId", case_id AS "caseId", claim, evidence, created_at AS "createdAt", updated_at AS "updatedAt", hidden, hidden_reason AS "hiddenReason"
    FROM matrix_entries
    WHERE course_id = ${input.courseId} AND room = ${`compare:${input.courseId}`} AND NOT deleted
      AND (NOT hidden OR author_id = ${input.userId} OR ${input.isInstructor})
    ORDER BY created_at`;
}
