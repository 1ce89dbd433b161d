/**
 * "Compare first, then see the class" (docs/compare.md): what of classmates' work a student may not see
 * yet. Until they have made the cross-case links a gated compare assignment asks for, they see only their
 * own work and the instructors' in the assignment's sources' notes and in the compare room (links, replies,
 * matrix entries, timeline events). Read by the sync server at every join and re-check, and by every
 * first paint, search and the people pages, so no path sends what the reader would hide.
 */
import type { Role } from '../../../db/queries/courses';
import { closedPeerGates, instructorIdsOf, type ClosedGate } from '../../../db/queries/peer-gate';

export interface PeerView {
  /** Sources whose classmates' notes are hidden. */
  documents: ReadonlySet<string>;
  /** Classmates' work in the compare room is hidden too (some gate is closed). */
  compare: boolean;
  /** Whose work is shown anyway: the member and the instructors. */
  allowed: ReadonlySet<string>;
  gates: ClosedGate[];
}

const OPEN: PeerView = { documents: new Set(), compare: false, allowed: new Set(), gates: [] };

export async function peerView(courseId: string, userId: string, role: Role): Promise<PeerView> {
  if (role !== 'student') return OPEN;
  const gates = await closedPeerGates(courseId, userId);
  if (gates.length === 0) return OPEN;
  const instructors = await instructorIdsOf(courseId);
  return { documents: new Set(gates.flatMap((g) => g.documents)), compare: true, allowed: new Set([userId, ...instructors]), gates };
}

/** Whether the view shows `authorId`'s work on `documentId` (null: the compare room's). */
export function shows(view: PeerView, documentId: string | null, authorId: string): boolean {
  const hidden = documentId === null ? view.compare : view.documents.has(documentId);
  return !hidden || view.allowed.has(authorId);
}
