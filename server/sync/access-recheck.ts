/**
 * Checks open connections again: a connection whose session ended, or whose member may no longer be in
 * the room (left the course, or lost the role the room's kind asks for), is closed; a changed role is
 * applied. The rules are the join rules (authorize.ts, the kind's `mayJoin`), never a second copy.
 */
import type { Logger } from 'pino';
import { liveSessionIds } from '~/lib/session.server';
import { CLOSE } from '~/lib/sync-codes';
import { currentRoles, mayStay } from './authorize';
import type { Connection } from './connection';
import { kindOf, type RoomTable } from './room-kinds';

/** A database outage disconnects nobody: the check is tried again next time. */
export async function recheckConnections(connections: readonly Connection[], table: RoomTable, log: Logger): Promise<void> {
  const open = connections.filter((c) => !c.closed);
  if (open.length === 0) return;
  try {
    const live = await liveSessionIds([...new Set(open.map((c) => c.sessionId))]);
    const roles = await currentRoles(open.map((c) => ({ courseId: c.courseId, userId: c.user.id })));
    for (const connection of open) {
      const role = roles.get(`${connection.courseId} ${connection.user.id}`) ?? null;
      const found = kindOf(connection.roomName, table);
      if (!live.has(connection.sessionId)) {
        connection.close(CLOSE.signedOut, 'your session ended: sign in again');
      } else if (!found || !mayStay(found.room, found.kind, connection.user.id, role)) {
        connection.close(CLOSE.forbidden, 'you are no longer allowed in this room');
      } else if (role !== connection.role) {
        connection.role = role!;
      }
    }
  } catch (error) {
    log.warn({ err: error }, 'sync: could not recheck sessions');
  }
}
