import type { Role } from '../../db/queries/courses';
import { sql } from '../../db/sql';
import type { RoomName } from '../../app/lib/room-names';

export type RoomAccess = { ok: true; role: Role } | { ok: false; status: 403 | 404; reason: string };

/**
 * Decides from the room name and the member's role whether `userId` may join: members for `doc`,
 * `board` and `compare`; instructors for `staff`; only its owner for `private`. A document room
 * also needs the document to be in that course.
 */
export async function authorizeRoom(userId: string, room: RoomName): Promise<RoomAccess> {
  const documentId = 'documentId' in room ? room.documentId : null;
  const [row] = await sql<{ role: Role | null; has_document: boolean }[]>`
    SELECT
      (SELECT role FROM memberships WHERE course_id = ${room.courseId} AND user_id = ${userId}) AS role,
      (${documentId}::uuid IS NULL OR EXISTS (
        SELECT 1 FROM course_documents WHERE course_id = ${room.courseId} AND document_id = ${documentId}::uuid)) AS has_document`;
  const role = row?.role ?? null;
  if (!role) return { ok: false, status: 403, reason: 'not a member of this course' };
  if (!row!.has_document) return { ok: false, status: 404, reason: 'this course has no such document' };
  if (room.kind === 'staff' && role !== 'instructor') return { ok: false, status: 403, reason: 'instructors only' };
  if (room.kind === 'private' && room.userId !== userId) return { ok: false, status: 403, reason: "another member's private notes" };
  return { ok: true, role };
}
