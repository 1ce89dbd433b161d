/**
 * The class's matrix as the Compare page brings it (from the projection), so it is painted with the
 * page, before the compare room arrives; the room takes over once synced (components/compare/use-matrix.ts).
 * Visibility is the matrix's: a hidden entry only to its author and instructors.
 */
import { allMatrixRows, visibleMatrixEntries } from '../../../db/queries/matrix';
import type { MatrixFirstPaint } from './matrix';
import { shows, type PeerView } from './peer-gate.server';

export async function matrixFirstPaint(input: { courseId: string; viewer: { id: string; isInstructor: boolean }; peers?: PeerView }): Promise<MatrixFirstPaint> {
  const [rows, visible] = await Promise.all([allMatrixRows(input.courseId), visibleMatrixEntries({ courseId: input.courseId, userId: input.viewer.id, isInstructor: input.viewer.isInstructor })]);
  // (A closed peer gate: the member's entries and the instructors'.)
  const entries = input.peers ? visible.filter((e) => shows(input.peers!, null, e.authorId)) : visible;
  return {
    rows: rows.map((r) => ({
      type: 'MatrixRow',
      id: r.id,
      title: r.title,
      prompt: r.prompt,
      position: r.position,
      locked: r.locked,
      deleted: r.deleted,
      by: r.by,
      created: r.createdAt.getTime(),
      modified: r.updatedAt.getTime(),
    })),
    entries: entries.map((e) => ({
      entry: {
        type: 'MatrixEntry',
        id: e.id,
        authorId: e.authorId,
        row: e.rowId,
        case: e.caseId,
        claim: e.claim,
        evidence: e.evidence as MatrixFirstPaint['entries'][number]['entry']['evidence'],
        created: e.createdAt.getTime(),
        modified: e.updatedAt.getTime(),
        deleted: false,
      },
      hidden: e.hidden ? { reason: e.hiddenReason ?? '' } : null,
    })),
  };
}
