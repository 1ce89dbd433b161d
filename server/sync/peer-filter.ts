/**
 * Sending a student only their own and the instructors' entries of a room while a peer gate is closed
 * (app/lib/compare/peer-gate.server.ts, docs/compare.md). Every member writes only under their own root
 * (write-rules.ts), so a Yjs client's items are all one member's (the room's `owners`) and never refer to
 * another member's items: leaving out the items of classmates' clients leaves a consistent document. The
 * handshake and every broadcast to such a connection leave them out; what is left is what the member may see.
 * Delete sets are sent whole: they name ranges of items, never their content.
 */
import * as Y from 'yjs';
import type { Role } from '../../db/queries/courses';
import { peerView, type PeerView } from '~/lib/compare/peer-gate.server';
import type { RoomKindSpec } from '~/lib/rooms/kinds';
import type { ParsedRoom } from '~/lib/rooms/names';

/** Whose items a connection may be sent; null: everyone's. */
export type PeerFilter = { allowed: ReadonlySet<string> } | null;

/** What `userId` may be sent in `room` now (`view`: their peer view, when already read). */
export async function peerFilterFor(room: ParsedRoom, kind: Pick<RoomKindSpec, 'peerGate'>, userId: string, role: Role, view?: Promise<PeerView>): Promise<PeerFilter> {
  if (!kind.peerGate || role !== 'student') return null;
  const seen = await (view ?? peerView(room.courseId, userId, role));
  const hidden = kind.peerGate === 'course' ? seen.compare : seen.documents.has(room.documentId!);
  return hidden ? { allowed: seen.allowed } : null;
}

/** A client whose owner is unknown is treated as a classmate's. */
const hiddenClient = (owners: ReadonlyMap<number, string>, filter: NonNullable<PeerFilter>, client: number) => !filter.allowed.has(owners.get(client) ?? '');

/** The room's state vector without classmates' clients: the server's side of the handshake. */
export function filteredStateVector(doc: Y.Doc, owners: ReadonlyMap<number, string>, filter: NonNullable<PeerFilter>): Uint8Array {
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const client of [...sv.keys()]) if (hiddenClient(owners, filter, client)) sv.delete(client);
  return Y.encodeStateVector(sv);
}

/** What a client with `stateVector` lacks of the room, without classmates' items. */
export function filteredDiff(doc: Y.Doc, stateVector: Uint8Array, owners: ReadonlyMap<number, string>, filter: NonNullable<PeerFilter>): Uint8Array {
  const sv = Y.decodeStateVector(stateVector);
  // "Has everything" of each classmate's client: none of their items is sent.
  for (const client of Y.decodeStateVector(Y.encodeStateVector(doc)).keys()) if (hiddenClient(owners, filter, client)) sv.set(client, Number.MAX_SAFE_INTEGER);
  return Y.encodeStateAsUpdate(doc, Y.encodeStateVector(sv));
}

/**
 * An update as such a connection may receive it: as it is, without classmates' items, or null when it is
 * wholly a classmate's (its deletions too can only be of their own items).
 */
export function filteredUpdate(update: Uint8Array, owners: ReadonlyMap<number, string>, filter: NonNullable<PeerFilter>): Uint8Array | null {
  const { from } = Y.parseUpdateMeta(update);
  const hidden = [...from.keys()].filter((client) => hiddenClient(owners, filter, client));
  if (hidden.length === 0) return update;
  if (hidden.length === from.size) return null;
  return Y.diffUpdate(update, Y.encodeStateVector(new Map(hidden.map((client) => [client, Number.MAX_SAFE_INTEGER]))));
}
