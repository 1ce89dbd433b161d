/**
 * What a reader needs to open one source of a course: the version's text and blocks, and the notes
 * the viewer may see as a first paint (painted before the rooms arrive). The single reader and each
 * side of the compare view open a source through this, so both apply the same visibility rules.
 */
import { listMembers } from '../../../db/queries/courses';
import { getDocumentForReader } from '../../../db/queries/documents';
import { notesForFirstPaint } from '../../../db/queries/notes';
import { buildFirstPaint } from '~/lib/notes/first-paint.server';
import { entryKey } from '~/lib/rooms/kinds';
import type { PeerView } from '~/lib/compare/peer-gate.server';

export async function openSource(input: {
  courseId: string;
  documentId: string;
  version?: number;
  viewer: { id: string; isInstructor: boolean };
  /** A note the page was opened for (`?note=`): the first paint covers its passage. */
  linkedNote?: string | null;
  /** What a closed peer gate hides from the viewer (peer-gate.server.ts). */
  peers?: PeerView;
}) {
  const { courseId, documentId, viewer } = input;
  const authors = input.peers?.documents.has(documentId) ? [...input.peers.allowed] : undefined;
  // Both at once: the notes query is scoped to this course, so it reveals nothing if the source is not in it.
  const [found, projected] = await Promise.all([
    getDocumentForReader({ courseId, documentId, version: input.version }),
    notesForFirstPaint({ courseId, documentId, userId: viewer.id, isInstructor: viewer.isInstructor, authors }),
  ]);
  if (!found) return null;
  const near = projected.find((n) => entryKey(n.authorId, n.id) === input.linkedNote)?.passage?.start ?? 0;
  const firstPaint = buildFirstPaint(projected, { text: found.text, documentVersion: found.document.version, isInstructor: viewer.isInstructor, near, viewerId: viewer.id });
  return { ...found, firstPaint };
}

/** The course's members as readers show them: names by id, and who the instructors are (their notes are marked). */
export async function readersOfCourse(courseId: string) {
  const members = await listMembers(courseId);
  return {
    names: Object.fromEntries(members.map((m) => [m.userId, m.displayName])),
    instructorIds: members.filter((m) => m.role === 'instructor').map((m) => m.userId),
  };
}
