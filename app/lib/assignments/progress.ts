/**
 * How far a student is with an assignment: counted from the notes projection (never from what the
 * browser says), so the student's counters, the dashboard and the CSV all agree.
 */
import type { Assignment } from '../../../db/queries/assignments';
import type { CaseKey } from '~/lib/cases';

export type Requirements = Pick<Assignment, 'kind' | 'minNotes' | 'minReplies' | 'responseRequired' | 'minWords' | 'dueAt'>;

/** A note or reply as the projection holds it: only class-visible, not hidden, not deleted ones count. */
export interface CountedNote {
  id: string;
  authorId: string;
  documentId: string;
  kind: 'note' | 'reply';
  parentAuthorId: string | null;
  body: string;
  tags: string[];
  createdAt: Date;
}

export interface Progress {
  notes: number;
  replies: number;
  words: number;
  submittedAt: Date | null;
  /** When the last requirement was met; null while something is missing. */
  completedAt: Date | null;
  status: 'not-started' | 'in-progress' | 'complete' | 'late';
  /** The notes and replies that count, for the dashboard's links. */
  noteIds: string[];
  replyIds: string[];
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Words as a reader counts them, in any script (Korean and Russian included). */
export function countWords(text: string): number {
  let n = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) n += 1;
  return n;
}

const OTHER_CASE: Record<Exclude<CaseKey, 'both'>, Exclude<CaseKey, 'both'>> = { 'soviet-1957': 'dprk-1956', 'dprk-1956': 'soviet-1957' };

/**
 * The cases a note cites: the case of the document it is written on, plus any case it names with a
 * tag (`soviet-1957`, `dprk-1956`) or links to through a document of that case (`/d/<documentId>`).
 */
function citedCases(note: Pick<CountedNote, 'documentId' | 'body' | 'tags'>, caseOf: Map<string, CaseKey>): Set<string> {
  const cited = new Set<string>();
  const add = (key: CaseKey | undefined) => {
    if (key === 'both') ['soviet-1957', 'dprk-1956'].forEach((k) => cited.add(k));
    else if (key) cited.add(key);
  };
  add(caseOf.get(note.documentId));
  for (const tag of note.tags) if (tag === 'soviet-1957' || tag === 'dprk-1956') add(tag);
  for (const match of note.body.matchAll(/\/d\/([0-9a-f-]{36})/g)) add(caseOf.get(match[1]!));
  return cited;
}

export const citesBothCases = (note: Pick<CountedNote, 'documentId' | 'body' | 'tags'>, caseOf: Map<string, CaseKey>) => {
  const cited = citedCases(note, caseOf);
  return cited.has('soviet-1957') && cited.has(OTHER_CASE['soviet-1957']);
};

/** One student's progress from the notes and replies they wrote on the assignment's documents. */
export function progressOf(input: {
  requirements: Requirements;
  written: CountedNote[];
  caseOf: Map<string, CaseKey>;
  response: string;
  submittedAt: Date | null;
  now: Date;
}): Progress {
  const { requirements: r, caseOf } = input;
  const notes = input.written
    .filter((n) => n.kind === 'note' && (r.kind === 'reading' || citesBothCases(n, caseOf)))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const replies = input.written
    .filter((n) => n.kind === 'reply' && n.parentAuthorId !== null && n.parentAuthorId !== n.authorId)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const words = countWords(input.response);

  // Each requirement is met at a moment: the Nth note, the Mth reply, the submission.
  const metAt: (Date | null)[] = [];
  if (r.minNotes > 0) metAt.push(notes[r.minNotes - 1]?.createdAt ?? null);
  if (r.minReplies > 0) metAt.push(replies[r.minReplies - 1]?.createdAt ?? null);
  if (r.responseRequired) metAt.push(input.submittedAt && words >= r.minWords ? input.submittedAt : null);
  const started = notes.length > 0 || replies.length > 0 || words > 0 || input.submittedAt !== null;
  // Assignments have at least one requirement (the form insists), so `metAt` is never empty.
  const completedAt = metAt.some((d) => d === null) ? null : new Date(Math.max(...metAt.map((d) => d!.getTime())));

  // Late: past due and not complete, or completed only after the due time.
  let status: Progress['status'];
  if (completedAt) status = completedAt > r.dueAt ? 'late' : 'complete';
  else if (input.now > r.dueAt) status = 'late';
  else status = started ? 'in-progress' : 'not-started';

  return {
    notes: notes.length,
    replies: replies.length,
    words,
    submittedAt: input.submittedAt,
    completedAt,
    status,
    noteIds: notes.map((n) => n.id),
    replyIds: replies.map((n) => n.id),
  };
}

export const STATUS_LABEL: Record<Progress['status'], string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  complete: 'Complete',
  late: 'Late',
};
