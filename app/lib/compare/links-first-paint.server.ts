/**
 * The evidence links a page's sources show, sent with the page (from the `evidence_links` projection),
 * so their badges are painted with the notes rather than after the compare room arrives; the rooms
 * take over once synced (components/compare/use-course-links.ts). Visibility is the reader's: the
 * class's links (a hidden one only to its author and instructors) and the member's own.
 */
import { visibleLinksOn } from '../../../db/queries/links';
import { shows, type PeerView } from './peer-gate.server';
import { linkEntry, linkEntrySchema, type LinkEntry, type PaintedLink } from './links';

export async function linksFirstPaint(input: { courseId: string; documentIds: string[]; viewer: { id: string; isInstructor: boolean }; peers?: PeerView }): Promise<PaintedLink[]> {
  const rows = await visibleLinksOn({ courseId: input.courseId, documentIds: input.documentIds, userId: input.viewer.id, isInstructor: input.viewer.isInstructor });
  return rows.flatMap((r) => {
    // (A closed peer gate: the class's links are the member's and the instructors'.)
    if (input.peers && !shows(input.peers, null, r.authorId)) return [];
    const entry = { ...linkEntry({ id: r.id, relation: r.relation, comment: r.comment, ends: r.ends as LinkEntry['target'] }, r.createdAt.getTime()), modified: r.updatedAt.getTime() };
    // (rows were checked when projected; one that no longer parses is not worth a page error)
    if (!linkEntrySchema.safeParse(entry).success) return [];
    return [{ authorId: r.authorId, entry, visibility: r.visibility, hidden: r.hidden ? { reason: r.hiddenReason ?? '' } : null, blocks: [r.blockA, r.blockB] as [number, number] }];
  });
}
