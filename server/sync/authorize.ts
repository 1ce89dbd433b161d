import type { Role } from '../../db/queries/courses';
import { sql } from '../../db/sql';
import type { RoomKindSpec } from '~/lib/rooms/kinds';
import type { ParsedRoom } from '~/lib/rooms/names';

export type RoomAccess = { ok: true; role: Role } | { ok: false; status: 403 | 404; reason: string };

/**
 * Whether `userId` may join `room`: a member of its course, the document (for a document's room) in
 * that course, and the kind's own rule (app/lib/rooms/kinds.ts: instructors only, the owner only…).
 */
export async function authorizeRoom(userId: string, room: ParsedRoom, kind: RoomKindSpec): Promise<RoomAccess> {
  const documentId = room.documentId ?? null;
  const [row] = await sql<{ role: Role | null; has_document: boolean }[]>`
    SELECT
      (SELECT role FROM memberships WHERE course_id = ${room.courseId} AND user_id = ${userId}) AS role,
      (${documentId}::uuid IS NULL OR EXISTS (
        SELECT 1 FROM course_documents WHERE course_id = ${room.courseId} AND document_id = ${documentId}::uuid)) AS has_document`;
  const role = row?.role ?? null;
  if (!role) return { ok: false, status: 403, reason: 'not a member of this course' };
  if (!row!.has_document) return { ok: false, status: 404, reason: 'this course has no such document' };
  const refusal = kind.mayJoin(room, { userId, role });
  if (refusal) return { ok: false, status: 403, reason: refusal };
  return { ok: true, role };
}

/** Whether a member who is in `room` may stay now that their role is `role` (null: no longer a member). */
export function mayStay(room: ParsedRoom, kind: RoomKindSpec, userId: string, role: Role | null): boolean {
  return role !== null && kind.mayJoin(room, { userId, role }) === null;
}

/** The current role of each (course, member) pair, keyed "<course> <member>"; absent: not a member. */
export async function currentRoles(pairs: readonly { courseId: string; userId: string }[]): Promise<Map<string, Role>> {
  const members = await sql<{ course_id: string; user_id: string; role: Role }[]>`
    SELECT course_id, user_id, role FROM memberships
    WHERE (course_id, user_id) IN (SELECT * FROM unnest(
      ${sql.array(pairs.map((p) => p.courseId), 2950)}::uuid[], ${sql.array(pairs.map((p) => p.userId), 2950)}::uuid[]))`;
  return new Map(members.map((m) => [`${m.course_id} ${m.user_id}`, m.role]));
}
