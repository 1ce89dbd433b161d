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
import type { Role } from '../../db/queries/courses';
import { peerView } from '~/lib/compare/peer-gate.server';
import { peerFilterFor } from './peer-filter';

/**
 * A member whose peer gate opened (or closed) since they joined is sent what they may now see by
 * reconnecting: the handshake then sends it (peer-filter.ts).
 */
async function recheckPeers(connection: Connection, found: NonNullable<ReturnType<typeof kindOf>>, role: Role, peersOf: (courseId: string, userId: string, role: Role) => ReturnType<typeof peerView>) {
  if (!found.kind.peerGate) return;
  const now = await peerFilterFor(found.room, found.kind, connection.user.id, role, peersOf(connection.courseId, connection.user.id, role));
  if ((now === null) !== (connection.peers === null)) {
    connection.close(CLOSE.viewChanged, now === null ? 'you have compared: your classmates’ work is shown now' : 'your classmates’ work is hidden until you compare');
  }
}

/** A database outage disconnects nobody: the check is tried again next time. */
export async function recheckConnections(connections: readonly Connection[], table: RoomTable, log: Logger): Promise<void> {
  const open = connections.filter((c) => !c.closed);
  if (open.length === 0) return;
  try {
    const live = await liveSessionIds([...new Set(open.map((c) => c.sessionId))]);
    const roles = await currentRoles(open.map((c) => ({ courseId: c.courseId, userId: c.user.id })));
    // (A member's gates are read once per check, whichever of their rooms asks.)
    const gates = new Map<string, ReturnType<typeof peerView>>();
    const peersOf = (courseId: string, userId: string, role: Role) => {
      const key = `${courseId} ${userId}`;
      if (!gates.has(key)) gates.set(key, peerView(courseId, userId, role));
      return gates.get(key)!;
    };
    for (const connection of open) {
      const role = roles.get(`${connection.courseId} ${connection.user.id}`) ?? null;
      const found = kindOf(connection.roomName, table);
      if (!live.has(connection.sessionId)) {
        connection.close(CLOSE.signedOut, 'your session ended: sign in again');
      } else if (!found || !mayStay(found.room, found.kind, connection.user.id, role)) {
        connection.close(CLOSE.forbidden, 'you are no longer allowed in this room');
      } else {
        if (role !== connection.role) connection.role = role!;
        await recheckPeers(connection, found, role!, peersOf);
      }
    }
  } catch (error) {
    log.warn({ err: error }, 'sync: could not recheck sessions');
  }
}
