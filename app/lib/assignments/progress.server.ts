/** Each student's progress on an assignment, from the notes projection and the rules of progress.ts. */
import { casesOfDocuments, countedLinks, countedMatrixEntries, countedNotes, progressStudents, type Assignment } from '../../../db/queries/assignments';
import { progressOf, type CountedEntry, type CountedLink, type CountedNote, type Progress } from './progress';

export interface StudentProgress extends Progress {
  userId: string;
  displayName: string;
  email: string;
  response: string;
}

/** Progress of `userIds` (default: every student of the course) on `assignment`. */
export async function assignmentProgress(assignment: Assignment, options: { userIds?: string[]; now?: Date } = {}): Promise<StudentProgress[]> {
  const students = await progressStudents(assignment, options.userIds);
  const ids = students.map((s) => s.user_id);
  const [written, cases, made, cited] = await Promise.all([
    countedNotes(assignment, ids),
    casesOfDocuments(assignment.courseId),
    assignment.minLinks > 0 ? countedLinks(assignment, ids) : [],
    assignment.minMatrixEntries > 0 ? countedMatrixEntries(assignment, ids) : [],
  ]);
  const entriesBy = new Map<string, CountedEntry[]>();
  for (const e of cited) entriesBy.set(e.author_id, [...(entriesBy.get(e.author_id) ?? []), { id: e.id, caseId: e.case_id, createdAt: e.created_at }]);
  const linksBy = new Map<string, CountedLink[]>();
  for (const l of made) linksBy.set(l.author_id, [...(linksBy.get(l.author_id) ?? []), { id: l.id, sourceA: l.source_a, sourceB: l.source_b, createdAt: l.created_at }]);
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
    ...progressOf({ requirements: assignment, written: byAuthor.get(s.user_id) ?? [], links: linksBy.get(s.user_id) ?? [], entries: entriesBy.get(s.user_id) ?? [], cases, response: s.response ?? '', submittedAt: s.submitted_at, now }),
  }));
}
