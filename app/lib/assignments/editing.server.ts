/** What the new- and edit-assignment routes share: the course's sources and the form's values. */
import { listCourseCases } from '../../../db/queries/cases';
import { blockCounts, listCourseDocuments } from '../../../db/queries/documents';
import { caseLabel } from '~/lib/cases';
import type { Assignment } from '../../../db/queries/assignments';
import type { AssignmentFormValues } from './form';
import { toLocalInput } from '~/lib/time-zone';

/** The sources an assignment may set: those in use, and any archived one it already has (`keep`). */
export async function assignableSources(courseId: string, keep: readonly string[] = []) {
  const [documents, counts, cases] = await Promise.all([listCourseDocuments(courseId, { archived: true }), blockCounts(courseId), listCourseCases(courseId)]);
  return documents
    .filter((d) => !d.archived || keep.includes(d.id))
    .map((d) => ({ id: d.id, title: d.title, caseLabel: caseLabel(cases, d.caseId), blockCount: counts.get(d.id) ?? 0, archived: d.archived }));
}

/** [12, 14, 15, 16] → "12, 14–16" */
export function formatFocus(blocks: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < blocks.length; i++) {
    let j = i;
    while (j + 1 < blocks.length && blocks[j + 1] === blocks[j]! + 1) j++;
    parts.push(j > i ? `${blocks[i]}–${blocks[j]}` : String(blocks[i]));
    i = j;
  }
  return parts.join(', ');
}

export function formValuesOf(assignment: Assignment | null, timeZone: string): AssignmentFormValues {
  if (!assignment) {
    // A new assignment: opens now (to the minute, which is what the input shows), due a week later.
    const opens = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    return {
      title: '', prompt: '', kind: 'reading', opensAt: toLocalInput(opens, timeZone), dueAt: toLocalInput(new Date(opens.getTime() + 7 * 86_400_000), timeZone),
      minNotes: 3, minReplies: 1, minLinks: 0, minMatrixEntries: 0, responseRequired: false, minWords: 0, peerGate: false, documents: {},
    };
  }
  return {
    title: assignment.title,
    prompt: assignment.prompt,
    kind: assignment.kind,
    opensAt: toLocalInput(assignment.opensAt, timeZone),
    dueAt: toLocalInput(assignment.dueAt, timeZone),
    minNotes: assignment.minNotes,
    minReplies: assignment.minReplies,
    minLinks: assignment.minLinks,
    minMatrixEntries: assignment.minMatrixEntries,
    responseRequired: assignment.responseRequired,
    minWords: assignment.minWords,
    peerGate: assignment.peerGate,
    documents: Object.fromEntries(assignment.documents.map((d) => [d.documentId, formatFocus(d.focusBlocks)])),
  };
}
