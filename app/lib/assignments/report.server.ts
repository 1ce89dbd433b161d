/** The dashboard's table as rows, and as CSV for a gradebook. */
import { textCell, toCsv } from '~/lib/csv';
import type { Assignment } from '../../../db/queries/assignments';
import { assignmentProgress, type StudentProgress } from './progress.server';
import { requireAssignment } from './access.server';
import { STATUS_LABEL } from './progress';

export interface ReportRow {
  userId: string;
  student: string;
  email: string;
  status: StudentProgress['status'];
  notes: number;
  replies: number;
  links: number;
  entries: number;
  /** The matrix requirement is met (enough entries, in two columns). */
  entriesMet: boolean;
  words: number;
  submittedAt: string | null;
  completedAt: string | null;
  late: boolean;
}

function reportRows(assignment: Assignment, progress: (StudentProgress & { email: string })[]): ReportRow[] {
  return progress.map((p) => ({
    userId: p.userId,
    student: p.displayName,
    email: p.email,
    status: p.status,
    notes: p.notes,
    replies: p.replies,
    links: p.links,
    entries: p.entries,
    entriesMet: p.entries >= assignment.minMatrixEntries && p.entryColumns >= Math.min(2, assignment.minMatrixEntries),
    words: p.words,
    submittedAt: p.submittedAt?.toISOString() ?? null,
    completedAt: p.completedAt?.toISOString() ?? null,
    late: p.status === 'late' || (p.submittedAt !== null && p.submittedAt > assignment.dueAt),
  }));
}

export function reportCsv(assignment: Assignment, rows: ReportRow[]): string {
  const header = [
    'Student', 'Email', 'Status', 'Notes', 'Notes required', 'Replies', 'Replies required', 'Links joining two cases', 'Links required',
    'Matrix entries', 'Matrix entries required', 'Words', 'Words required', 'Submitted at (UTC)', 'Late',
  ];
  return toCsv(
    header,
    rows.map((r) => [
      textCell(r.student),
      textCell(r.email),
      STATUS_LABEL[r.status],
      r.notes,
      assignment.minNotes,
      r.replies,
      assignment.minReplies,
      r.links,
      assignment.minLinks,
      r.entries,
      assignment.minMatrixEntries,
      r.words,
      assignment.responseRequired ? assignment.minWords : '',
      r.submittedAt ?? '',
      r.late ? 'yes' : 'no',
    ]),
  );
}

/** The instructor's view of an assignment: every student's progress. 404 for anything else. */
export async function loadReport(request: Request, params: { courseId?: string; assignmentId?: string }) {
  const { courseId, assignment } = await requireAssignment(request, params, 'instructor');
  const progress = await assignmentProgress(assignment);
  return { courseId, assignment, progress, rows: reportRows(assignment, progress) };
}
