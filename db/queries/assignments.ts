import { sql, type Transaction } from '../sql';
import { announce } from './notifications';

/** An assignment's columns as an instructor's form sets them (app/lib/assignments/form.ts parses it). */
export interface AssignmentInput {
  title: string;
  prompt: string;
  kind: 'reading' | 'compare';
  opensAt: Date;
  dueAt: Date;
  minNotes: number;
  minReplies: number;
  /** Evidence links joining two cases, made since the assignment opened. */
  minLinks: number;
  /** Matrix entries, in at least two cases' columns, made since the assignment opened. */
  minMatrixEntries: number;
  responseRequired: boolean;
  minWords: number;
  /** A compare assignment's "compare first, then see the class" (migration 018). */
  peerGate: boolean;
  documents: { documentId: string; focusBlocks: number[] }[];
}

export interface Assignment {
  id: string;
  kind: 'reading' | 'compare';
  minNotes: number;
  minReplies: number;
  minLinks: number;
  minMatrixEntries: number;
  responseRequired: boolean;
  minWords: number;
  peerGate: boolean;
  dueAt: Date;
  courseId: string;
  title: string;
  prompt: string;
  opensAt: Date;
  publishedAt: Date | null;
  revision: number;
  revisedAt: Date | null;
  documents: { documentId: string; title: string; caseId: string | null; focusBlocks: number[] }[];
}

interface AssignmentRow {
  id: string;
  course_id: string;
  title: string;
  prompt: string;
  kind: 'reading' | 'compare';
  opens_at: Date;
  due_at: Date;
  min_notes: number;
  min_replies: number;
  min_links: number;
  min_matrix_entries: number;
  response_required: boolean;
  min_words: number;
  peer_gate: boolean;
  published_at: Date | null;
  revision: number;
  revised_at: Date | null;
  documents: { documentId: string; title: string; caseId: string | null; focusBlocks: number[] }[];
}

const toAssignment = (r: AssignmentRow): Assignment => ({
  id: r.id,
  courseId: r.course_id,
  title: r.title,
  prompt: r.prompt,
  kind: r.kind,
  opensAt: r.opens_at,
  dueAt: r.due_at,
  minNotes: r.min_notes,
  minLinks: r.min_links,
  minMatrixEntries: r.min_matrix_entries,
  minReplies: r.min_replies,
  responseRequired: r.response_required,
  minWords: r.min_words,
  peerGate: r.peer_gate,
  publishedAt: r.published_at,
  revision: r.revision,
  revisedAt: r.revised_at,
  documents: r.documents,
});

const selectAssignments = (tx: Transaction | typeof sql) => tx<AssignmentRow[]>`
  SELECT a.*, coalesce((
    SELECT json_agg(json_build_object('documentId', d.id, 'title', d.title, 'caseId', cd.case_id, 'focusBlocks', ad.focus_blocks) ORDER BY ad.position)
    FROM assignment_documents ad JOIN documents d ON d.id = ad.document_id
    LEFT JOIN course_documents cd ON cd.document_id = d.id AND cd.course_id = a.course_id
    WHERE ad.assignment_id = a.id
  ), '[]') AS documents
  FROM assignments a`;

/** The course's assignments, soonest due first; students (`includeDrafts: false`) never see drafts. */
export async function listAssignments(courseId: string, options: { includeDrafts: boolean }): Promise<Assignment[]> {
  const rows = await sql<AssignmentRow[]>`
    ${selectAssignments(sql)}
    WHERE a.course_id = ${courseId} AND (${options.includeDrafts} OR a.published_at IS NOT NULL)
    ORDER BY a.due_at, a.created_at`;
  return rows.map(toAssignment);
}

/** One assignment of the course, or null (also for a draft when `includeDrafts` is false). */
export async function getAssignment(courseId: string, id: string, options: { includeDrafts: boolean }): Promise<Assignment | null> {
  const [row] = await sql<AssignmentRow[]>`
    ${selectAssignments(sql)}
    WHERE a.course_id = ${courseId} AND a.id = ${id} AND (${options.includeDrafts} OR a.published_at IS NOT NULL)`;
  return row ? toAssignment(row) : null;
}

async function writeDocuments(tx: Transaction, assignmentId: string, documents: AssignmentInput['documents']) {
  await tx`DELETE FROM assignment_documents WHERE assignment_id = ${assignmentId}`;
  if (documents.length === 0) return;
  await tx`INSERT INTO assignment_documents ${tx(documents.map((d, i) => ({
    assignment_id: assignmentId, document_id: d.documentId, position: i + 1, focus_blocks: tx.array(d.focusBlocks, 23),
  })) as never)}`;
}

const columns = (input: AssignmentInput) => ({
  title: input.title,
  prompt: input.prompt,
  kind: input.kind,
  opens_at: input.opensAt,
  due_at: input.dueAt,
  min_notes: input.minNotes,
  min_links: input.minLinks,
  min_matrix_entries: input.minMatrixEntries,
  min_replies: input.minReplies,
  response_required: input.responseRequired,
  min_words: input.minWords,
  peer_gate: input.peerGate,
});

/** Creates a draft; with `tx`, inside that transaction (the demo seed). */
export async function createAssignment(input: { courseId: string; createdBy: string; assignment: AssignmentInput }, tx?: Transaction): Promise<string> {
  const work = async (tx: Transaction) => {
    const [row] = await tx<{ id: string }[]>`
      INSERT INTO assignments ${tx({ ...columns(input.assignment), course_id: input.courseId, created_by: input.createdBy })}
      RETURNING id`;
    await writeDocuments(tx, row!.id, input.assignment.documents);
    return row!.id;
  };
  return tx ? work(tx) : sql.begin(work);
}

/** An assignment as writes name it: with its course, so no write can reach another course's row. */
export interface AssignmentRef {
  courseId: string;
  id: string;
}

/** Saves an edit; an edit to a published assignment is a new revision that students are shown. */
export async function updateAssignment({ courseId, id }: AssignmentRef, assignment: AssignmentInput): Promise<void> {
  await sql.begin(async (tx) => {
    const updated = await tx`
      UPDATE assignments SET ${tx(columns(assignment))}, updated_at = now(),
        revision = revision + (CASE WHEN published_at IS NULL THEN 0 ELSE 1 END),
        revised_at = CASE WHEN published_at IS NULL THEN revised_at ELSE now() END
      WHERE id = ${id} AND course_id = ${courseId}`;
    if (updated.count === 1) await writeDocuments(tx, id, assignment.documents);
  });
}

/** Publishes a draft and tells every student of the course; false if it was published already. */
export async function publishAssignment({ courseId, id }: AssignmentRef, by: string, tx?: Transaction): Promise<boolean> {
  const work = async (tx: Transaction) => {
    const [row] = await tx<{ course_id: string; title: string }[]>`
      UPDATE assignments SET published_at = now(), updated_at = now() WHERE id = ${id} AND course_id = ${courseId} AND published_at IS NULL
      RETURNING course_id, title`;
    if (!row) return false;
    const notified = await tx<{ user_id: string }[]>`
      INSERT INTO notifications (user_id, course_id, kind, actor_id, title, link, event_key)
      SELECT m.user_id, ${row.course_id}, 'assignment', ${by}, ${`New assignment: ${row.title}`},
             ${`/c/${row.course_id}/assignments/${id}`}, ${`assignment:${id}`}
      FROM memberships m WHERE m.course_id = ${row.course_id} AND m.role = 'student'
      ON CONFLICT (user_id, event_key) DO NOTHING
      RETURNING user_id`;
    await announce(tx, notified.map((n) => n.user_id));
    return true;
  };
  return tx ? work(tx) : sql.begin(work);
}

/** Deletes a draft (published assignments stay: students' work hangs on them). */
export async function deleteDraft({ courseId, id }: AssignmentRef): Promise<boolean> {
  const rows = await sql`DELETE FROM assignments WHERE id = ${id} AND course_id = ${courseId} AND published_at IS NULL RETURNING id`;
  return rows.length > 0;
}

export interface Submission {
  response: string;
  savedAt: Date | null;
  submittedAt: Date | null;
  seenRevision: number;
}

/** The student's submission as it stands (an empty one before they first write or open it). */
export async function getSubmission(assignmentId: string, userId: string): Promise<Submission> {
  const [row] = await sql<{ response: string; saved_at: Date | null; submitted_at: Date | null; seen_revision: number }[]>`
    SELECT response, saved_at, submitted_at, seen_revision FROM submissions WHERE assignment_id = ${assignmentId} AND user_id = ${userId}`;
  return row
    ? { response: row.response, savedAt: row.saved_at, submittedAt: row.submitted_at, seenRevision: row.seen_revision }
    : { response: '', savedAt: null, submittedAt: null, seenRevision: 0 };
}

/** Records that the student has seen the assignment as of `revision` (never going back). */
export async function markSeen(assignmentId: string, userId: string, revision: number): Promise<void> {
  await sql`
    INSERT INTO submissions (assignment_id, user_id, seen_revision) VALUES (${assignmentId}, ${userId}, ${revision})
    ON CONFLICT (assignment_id, user_id) DO UPDATE SET seen_revision = GREATEST(submissions.seen_revision, EXCLUDED.seen_revision)`;
}

/** Autosave: false when the response was already submitted (it no longer changes). */
export async function saveResponse(assignmentId: string, userId: string, response: string): Promise<Date | null> {
  const [row] = await sql<{ saved_at: Date }[]>`
    INSERT INTO submissions (assignment_id, user_id, response, saved_at) VALUES (${assignmentId}, ${userId}, ${response}, now())
    ON CONFLICT (assignment_id, user_id) DO UPDATE SET response = EXCLUDED.response, saved_at = now()
      WHERE submissions.submitted_at IS NULL
    RETURNING saved_at`;
  return row?.saved_at ?? null;
}

export async function submitResponse(assignmentId: string, userId: string, response: string): Promise<Date | null> {
  const [row] = await sql<{ submitted_at: Date }[]>`
    INSERT INTO submissions (assignment_id, user_id, response, saved_at, submitted_at) VALUES (${assignmentId}, ${userId}, ${response}, now(), now())
    ON CONFLICT (assignment_id, user_id) DO UPDATE SET response = EXCLUDED.response, saved_at = now(), submitted_at = now()
      WHERE submissions.submitted_at IS NULL
    RETURNING submitted_at`;
  return row?.submitted_at ?? null;
}

/** An instructor reopens a submitted response: the student can change it and submit it again. */
export async function reopenSubmission(assignment: AssignmentRef, userId: string): Promise<boolean> {
  const reopened = await sql`
    UPDATE submissions SET submitted_at = NULL
    WHERE assignment_id = ${assignment.id} AND user_id = ${userId} AND submitted_at IS NOT NULL
      AND EXISTS (SELECT 1 FROM assignments WHERE id = ${assignment.id} AND course_id = ${assignment.courseId})`;
  return reopened.count === 1;
}

/** Which assignments a student has opened at an older revision than the current one. */
export async function seenRevisions(courseId: string, userId: string): Promise<Map<string, number>> {
  const rows = await sql<{ assignment_id: string; seen_revision: number }[]>`
    SELECT s.assignment_id, s.seen_revision FROM submissions s JOIN assignments a ON a.id = s.assignment_id
    WHERE a.course_id = ${courseId} AND s.user_id = ${userId}`;
  return new Map(rows.map((r) => [r.assignment_id, r.seen_revision]));
}

/** The students (or `userIds`) of an assignment's course, with their response: whose progress to count. */
export async function progressStudents(assignment: Pick<Assignment, 'id' | 'courseId'>, userIds?: string[]) {
  return sql<{ user_id: string; display_name: string; email: string; response: string | null; submitted_at: Date | null }[]>`
    SELECT m.user_id, u.display_name, u.email, s.response, s.submitted_at
    FROM memberships m JOIN users u ON u.id = m.user_id
    LEFT JOIN submissions s ON s.assignment_id = ${assignment.id} AND s.user_id = m.user_id
    WHERE m.course_id = ${assignment.courseId}
      AND ${userIds ? sql`m.user_id = ANY(${sql.array(userIds)}::uuid[])` : sql`m.role = 'student'`}
    ORDER BY u.display_name`;
}

/**
 * The notes and replies `authorIds` wrote on an assignment's documents that count: class-visible,
 * written since it opened, neither hidden nor deleted.
 */
export async function countedNotes(assignment: Pick<Assignment, 'courseId' | 'documents' | 'opensAt'>, authorIds: string[]) {
  return sql<{ id: string; author_id: string; document_id: string; kind: 'note' | 'reply'; parent_author_id: string | null; body: string; tags: string[]; created_at: Date }[]>`
    SELECT id, author_id, document_id, kind, parent_author_id, body, tags, created_at FROM notes
    WHERE course_id = ${assignment.courseId} AND document_id = ANY(${sql.array(assignment.documents.map((d) => d.documentId))}::uuid[])
      AND author_id = ANY(${sql.array(authorIds)}::uuid[])
      AND visibility = 'class' AND NOT hidden AND NOT deleted AND created_at >= ${assignment.opensAt}`;
}

/**
 * The class links `authorIds` made since the assignment opened with an end on one of its sources
 * (hidden and deleted ones do not count, nor "Only me" ones).
 */
export async function countedLinks(assignment: Pick<Assignment, 'courseId' | 'documents' | 'opensAt'>, authorIds: string[]) {
  const sources = sql.array(assignment.documents.map((d) => d.documentId));
  return sql<{ id: string; author_id: string; source_a: string; source_b: string; created_at: Date }[]>`
    SELECT id, author_id, source_a, source_b, created_at FROM evidence_links
    WHERE course_id = ${assignment.courseId} AND author_id = ANY(${sql.array(authorIds)}::uuid[])
      AND (source_a = ANY(${sources}::uuid[]) OR source_b = ANY(${sources}::uuid[]))
      AND visibility = 'class' AND NOT hidden AND NOT deleted AND created_at >= ${assignment.opensAt}`;
}

/**
 * The matrix entries of `authorIds` that may count: not hidden, not deleted, in a row that is not
 * deleted, made since the assignment opened, citing a passage of one of its sources.
 */
export async function countedMatrixEntries(assignment: Pick<Assignment, 'courseId' | 'documents' | 'opensAt'>, authorIds: string[]) {
  const sources = sql.array(assignment.documents.map((d) => d.documentId));
  return sql<{ id: string; author_id: string; case_id: string; row_title: string; claim: string; source_a: string; block_a: number; created_at: Date }[]>`
    SELECT e.id, e.author_id, e.case_id, r.title AS row_title, e.claim, e.source_a, e.block_a, e.created_at
    FROM matrix_entries e JOIN matrix_rows r ON r.room = e.room AND r.id = e.row_id AND NOT r.deleted
    WHERE e.course_id = ${assignment.courseId} AND e.room = ${`compare:${assignment.courseId}`} AND e.author_id = ANY(${sql.array(authorIds)}::uuid[])
      AND (e.source_a = ANY(${sources}::uuid[]) OR e.source_b = ANY(${sources}::uuid[]))
      AND NOT e.hidden AND NOT e.deleted AND e.created_at >= ${assignment.opensAt}`;
}

/** The case of each of the course's sources (null: every case), and the course's cases. */
export async function casesOfDocuments(courseId: string): Promise<{ of: Map<string, string | null>; all: string[] }> {
  const [documents, cases] = await Promise.all([
    sql<{ document_id: string; case_id: string | null }[]>`SELECT document_id, case_id FROM course_documents WHERE course_id = ${courseId}`,
    sql<{ id: string }[]>`SELECT id FROM course_cases WHERE course_id = ${courseId}`,
  ]);
  return { of: new Map(documents.map((r) => [r.document_id, r.case_id])), all: cases.map((c) => c.id) };
}

/** Notes per block of one document of the assignment, from everyone: the dashboard's heat strip. */
export async function notesPerBlock(input: { courseId: string; documentId: string; since: Date }): Promise<{ start: number; end: number }[]> {
  return sql<{ start: number; end: number }[]>`
    SELECT (selectors->'position'->>'start')::int AS start, (selectors->'position'->>'end')::int AS end
    FROM notes
    WHERE course_id = ${input.courseId} AND document_id = ${input.documentId} AND kind = 'note'
      AND visibility = 'class' AND NOT hidden AND NOT deleted AND selectors IS NOT NULL AND created_at >= ${input.since}`;
}
