import type { AssignmentInput } from '../../app/lib/assignments/form';
import { progressOf, type CountedNote, type Progress, type Requirements } from '../../app/lib/assignments/progress';
import type { CaseKey } from '../../app/lib/cases';
import { sql, type Transaction } from '../sql';
import { announce } from './notifications';

export interface Assignment extends Requirements {
  id: string;
  courseId: string;
  title: string;
  prompt: string;
  opensAt: Date;
  publishedAt: Date | null;
  revision: number;
  revisedAt: Date | null;
  documents: { documentId: string; title: string; caseKey: CaseKey; focusBlocks: number[] }[];
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
  response_required: boolean;
  min_words: number;
  published_at: Date | null;
  revision: number;
  revised_at: Date | null;
  documents: { documentId: string; title: string; caseKey: CaseKey; focusBlocks: number[] }[];
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
  minReplies: r.min_replies,
  responseRequired: r.response_required,
  minWords: r.min_words,
  publishedAt: r.published_at,
  revision: r.revision,
  revisedAt: r.revised_at,
  documents: r.documents,
});

const selectAssignments = (tx: Transaction | typeof sql) => tx<AssignmentRow[]>`
  SELECT a.*, coalesce((
    SELECT json_agg(json_build_object('documentId', d.id, 'title', d.title, 'caseKey', d.case_key, 'focusBlocks', ad.focus_blocks) ORDER BY ad.position)
    FROM assignment_documents ad JOIN documents d ON d.id = ad.document_id WHERE ad.assignment_id = a.id
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
  min_replies: input.minReplies,
  response_required: input.responseRequired,
  min_words: input.minWords,
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

/** Saves an edit; an edit to a published assignment is a new revision that students are shown. */
export async function updateAssignment(id: string, assignment: AssignmentInput): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`
      UPDATE assignments SET ${tx(columns(assignment))}, updated_at = now(),
        revision = revision + (CASE WHEN published_at IS NULL THEN 0 ELSE 1 END),
        revised_at = CASE WHEN published_at IS NULL THEN revised_at ELSE now() END
      WHERE id = ${id}`;
    await writeDocuments(tx, id, assignment.documents);
  });
}

/** Publishes a draft and tells every student of the course; false if it was published already. */
export async function publishAssignment(id: string, by: string, tx?: Transaction): Promise<boolean> {
  const work = async (tx: Transaction) => {
    const [row] = await tx<{ course_id: string; title: string }[]>`
      UPDATE assignments SET published_at = now(), updated_at = now() WHERE id = ${id} AND published_at IS NULL
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
export async function deleteDraft(id: string): Promise<boolean> {
  const rows = await sql`DELETE FROM assignments WHERE id = ${id} AND published_at IS NULL RETURNING id`;
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
export async function reopenSubmission(assignmentId: string, userId: string): Promise<boolean> {
  const reopened = await sql`
    UPDATE submissions SET submitted_at = NULL WHERE assignment_id = ${assignmentId} AND user_id = ${userId} AND submitted_at IS NOT NULL`;
  return reopened.count === 1;
}

/** Which assignments a student has opened at an older revision than the current one. */
export async function seenRevisions(courseId: string, userId: string): Promise<Map<string, number>> {
  const rows = await sql<{ assignment_id: string; seen_revision: number }[]>`
    SELECT s.assignment_id, s.seen_revision FROM submissions s JOIN assignments a ON a.id = s.assignment_id
    WHERE a.course_id = ${courseId} AND s.user_id = ${userId}`;
  return new Map(rows.map((r) => [r.assignment_id, r.seen_revision]));
}

export interface StudentProgress extends Progress {
  userId: string;
  displayName: string;
  email: string;
  response: string;
}

/**
 * Progress of `userIds` (default: every student of the course) on an assignment, from the notes
 * projection: class-visible notes and replies on its documents, written since it opened, neither
 * hidden nor deleted.
 */
export async function assignmentProgress(assignment: Assignment, options: { userIds?: string[]; now?: Date } = {}): Promise<StudentProgress[]> {
  const documentIds = assignment.documents.map((d) => d.documentId);
  const students = await sql<{ user_id: string; display_name: string; email: string; response: string | null; submitted_at: Date | null }[]>`
    SELECT m.user_id, u.display_name, u.email, s.response, s.submitted_at
    FROM memberships m JOIN users u ON u.id = m.user_id
    LEFT JOIN submissions s ON s.assignment_id = ${assignment.id} AND s.user_id = m.user_id
    WHERE m.course_id = ${assignment.courseId}
      AND ${options.userIds ? sql`m.user_id = ANY(${sql.array(options.userIds)}::uuid[])` : sql`m.role = 'student'`}
    ORDER BY u.display_name`;
  const ids = students.map((s) => s.user_id);
  const written = await sql<{ id: string; author_id: string; document_id: string; kind: 'note' | 'reply'; parent_author_id: string | null; body: string; tags: string[]; created_at: Date }[]>`
    SELECT id, author_id, document_id, kind, parent_author_id, body, tags, created_at FROM notes
    WHERE course_id = ${assignment.courseId} AND document_id = ANY(${sql.array(documentIds)}::uuid[])
      AND author_id = ANY(${sql.array(ids)}::uuid[])
      AND visibility = 'class' AND NOT hidden AND NOT deleted AND created_at >= ${assignment.opensAt}`;
  const caseRows = await sql<{ id: string; case_key: CaseKey }[]>`
    SELECT d.id, d.case_key FROM documents d JOIN course_documents cd ON cd.document_id = d.id WHERE cd.course_id = ${assignment.courseId}`;
  const caseOf = new Map(caseRows.map((r) => [r.id, r.case_key]));
  const byAuthor = new Map<string, CountedNote[]>();
  for (const w of written) {
    const list = byAuthor.get(w.author_id) ?? [];
    list.push({ id: w.id, authorId: w.author_id, documentId: w.document_id, kind: w.kind, parentAuthorId: w.parent_author_id, body: w.body, tags: w.tags, createdAt: w.created_at });
    byAuthor.set(w.author_id, list);
  }
  const now = options.now ?? new Date();
  return students.map((s) => ({
    userId: s.user_id,
    displayName: s.display_name,
    email: s.email,
    response: s.response ?? '',
    ...progressOf({ requirements: assignment, written: byAuthor.get(s.user_id) ?? [], caseOf, response: s.response ?? '', submittedAt: s.submitted_at, now }),
  }));
}

/** Notes per block of one document of the assignment, from everyone: the dashboard's heat strip. */
export async function notesPerBlock(input: { courseId: string; documentId: string; since: Date }): Promise<{ start: number; end: number }[]> {
  return sql<{ start: number; end: number }[]>`
    SELECT (selectors->'position'->>'start')::int AS start, (selectors->'position'->>'end')::int AS end
    FROM notes
    WHERE course_id = ${input.courseId} AND document_id = ${input.documentId} AND kind = 'note'
      AND visibility = 'class' AND NOT hidden AND NOT deleted AND selectors IS NOT NULL AND created_at >= ${input.since}`;
}
