/**
 * How far a student is with an assignment: counted from the notes projection (never from what the
 * browser says), so the student's counters, the dashboard and the CSV all agree.
 */
import type { Assignment } from '../../../db/queries/assignments';

export type Requirements = Pick<Assignment, 'kind' | 'minNotes' | 'minReplies' | 'minLinks' | 'minMatrixEntries' | 'responseRequired' | 'minWords' | 'dueAt'>;

/** An evidence link as the projection holds it: only class-visible, not hidden, not deleted ones count. */
export interface CountedLink {
  id: string;
  sourceA: string;
  sourceB: string;
  createdAt: Date;
}

/** A matrix entry as the projection holds it: only ones not hidden or deleted, in rows not deleted, count. */
export interface CountedEntry {
  id: string;
  /** Its column. */
  caseId: string;
  createdAt: Date;
}

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
  /** Evidence links that join two cases. */
  links: number;
  /** Matrix entries (the requirement also asks for two columns: `entryColumns`). */
  entries: number;
  entryColumns: number;
  words: number;
  submittedAt: Date | null;
  /** When the last requirement was met; null while something is missing. */
  completedAt: Date | null;
  status: 'not-started' | 'in-progress' | 'complete' | 'late';
  /** The notes, replies and links that count, for the dashboard's links. */
  noteIds: string[];
  replyIds: string[];
  linkIds: string[];
  entryIds: string[];
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Words as a reader counts them, in any script (Korean and Russian included). */
export function countWords(text: string): number {
  let n = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) n += 1;
  return n;
}

/** The case of each of the course's sources (null: every case), and the course's cases. */
export interface SourceCases {
  of: ReadonlyMap<string, string | null>;
  all: readonly string[];
}

/**
 * The cases a note cites: the case of the source it is written on, and of any source of the course it
 * links to (`/d/<documentId>`); a source of every case cites them all. Tags do not: naming a case is
 * not comparing it.
 */
function citedCases(note: Pick<CountedNote, 'documentId' | 'body'>, cases: SourceCases): Set<string> {
  const cited = new Set<string>();
  const add = (documentId: string) => {
    if (!cases.of.has(documentId)) return;
    const caseId = cases.of.get(documentId)!;
    for (const c of caseId === null ? cases.all : [caseId]) cited.add(c);
  };
  add(note.documentId);
  for (const match of note.body.matchAll(/\/d\/([0-9a-f-]{36})/g)) add(match[1]!);
  return cited;
}

/** Whether a note joins two of the course's cases: a compare assignment counts only those. */
export const citesTwoCases = (note: Pick<CountedNote, 'documentId' | 'body'>, cases: SourceCases) => citedCases(note, cases).size >= 2;

/**
 * Whether a link joins two of the course's cases: its ends on sources of different cases, or one on a
 * source of every case (the rule the link dialog shows when the link is made).
 */
export function joinsTwoCases(link: Pick<CountedLink, 'sourceA' | 'sourceB'>, cases: SourceCases): boolean {
  if (!cases.of.has(link.sourceA) || !cases.of.has(link.sourceB)) return false;
  const [a, b] = [cases.of.get(link.sourceA)!, cases.of.get(link.sourceB)!];
  return a === null || b === null || a !== b;
}

/** One student's progress from the notes, replies and links they made on the assignment's documents. */
export function progressOf(input: {
  requirements: Requirements;
  written: CountedNote[];
  links?: CountedLink[];
  entries?: CountedEntry[];
  cases: SourceCases;
  response: string;
  submittedAt: Date | null;
  now: Date;
}): Progress {
  const { requirements: r, cases } = input;
  const notes = input.written
    .filter((n) => n.kind === 'note' && (r.kind === 'reading' || citesTwoCases(n, cases)))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const replies = input.written
    .filter((n) => n.kind === 'reply' && n.parentAuthorId !== null && n.parentAuthorId !== n.authorId)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const links = (input.links ?? []).filter((l) => joinsTwoCases(l, cases)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const entries = [...(input.entries ?? [])].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const words = countWords(input.response);

  // Each requirement is met at a moment: the Nth note, the Mth reply, the submission.
  const metAt: (Date | null)[] = [];
  if (r.minNotes > 0) metAt.push(notes[r.minNotes - 1]?.createdAt ?? null);
  if (r.minReplies > 0) metAt.push(replies[r.minReplies - 1]?.createdAt ?? null);
  if (r.minLinks > 0) metAt.push(links[r.minLinks - 1]?.createdAt ?? null);
  if (r.minMatrixEntries > 0) metAt.push(entriesMetAt(entries, r.minMatrixEntries));
  if (r.responseRequired) metAt.push(input.submittedAt && words >= r.minWords ? input.submittedAt : null);
  const started = notes.length > 0 || replies.length > 0 || links.length > 0 || entries.length > 0 || words > 0 || input.submittedAt !== null;
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
    links: links.length,
    entries: entries.length,
    entryColumns: new Set(entries.map((e) => e.caseId)).size,
    words,
    submittedAt: input.submittedAt,
    completedAt,
    status,
    noteIds: notes.map((n) => n.id),
    replyIds: replies.map((n) => n.id),
    linkIds: links.map((l) => l.id),
    entryIds: entries.map((e) => e.id),
  };
}

/**
 * When `entries` (oldest first) first held `need` entries in at least two columns (one, if only one
 * is asked for): comparing is citing both cases. Null: not yet.
 */
export function entriesMetAt(entries: readonly CountedEntry[], need: number): Date | null {
  const columns = new Set<string>();
  for (const [i, entry] of entries.entries()) {
    columns.add(entry.caseId);
    if (i + 1 >= need && columns.size >= Math.min(2, need)) return entry.createdAt;
  }
  return null;
}

export const STATUS_LABEL: Record<Progress['status'], string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  complete: 'Complete',
  late: 'Late',
};
