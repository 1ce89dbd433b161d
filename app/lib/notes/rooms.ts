/** The rooms that hold a document's notes, one per visibility (rooms/kinds.ts says which kind holds which). */
import { ROOM_KINDS, type RoomKind } from '~/lib/rooms/kinds';
import { roomName } from '~/lib/rooms/names';
import type { Visibility } from './visibility';

const KIND_OF = Object.fromEntries(
  Object.entries(ROOM_KINDS).flatMap(([kind, spec]) => ('visibility' in spec ? [[spec.visibility, kind as RoomKind]] : [])),
) as Record<Visibility, 'doc' | 'private' | 'staff'>;

/** The room of `visibility`'s notes on a document, as `userId` sees it (private: their own). */
export function noteRoomName(visibility: Visibility, at: { courseId: string; documentId: string; userId: string }): string {
  return roomName({ kind: KIND_OF[visibility], ...at });
}

/** The visibility of the notes a room holds; null for rooms that hold no notes of a document. */
export function visibilityOfKind(kind: string): Visibility | null {
  const spec = (ROOM_KINDS as Record<string, { visibility?: Visibility }>)[kind];
  return spec?.visibility ?? null;
}
