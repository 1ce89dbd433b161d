/**
 * The server's side of each kind of room (app/lib/rooms/kinds.ts holds the rest): the rule its entries
 * must keep (room-rules.ts) and how it is projected into PostgreSQL (projections/). The mapped type
 * makes a new kind in ROOM_KINDS fail to compile until it has its row here.
 */
import { ROOM_KINDS, type RoomKind, type RoomKindSpec } from '~/lib/rooms/kinds';
import { parseRoomName, type ParsedRoom } from '~/lib/rooms/names';
import { boardProjection } from './projections/board';
import { linkRepliesProjection } from './projections/link-replies';
import { linksProjection } from './projections/links';
import { matrixEntriesProjection, matrixRowsProjection } from './projections/matrix';
import { notesProjection } from './projections/notes';
import { spotlightsProjection } from './projections/spotlights';
import { timelineProjection } from './projections/timeline';
import type { Projection } from './projections/projection';
import { boardEntries, compareEntries, linkEntries, noteEntries, seminarEntries, type RoomRule } from './room-rules';

export interface ServerSide {
  /** Checked on every update that adds something, after the structural write rule (write-rules.ts). */
  rule: RoomRule;
  /** Where the room's entries are kept for queries (a table each); none: nowhere but the room. */
  projections: readonly Projection[];
}

const SERVER_SIDE: { [K in RoomKind]: ServerSide } = {
  doc: { rule: noteEntries, projections: [notesProjection] },
  private: { rule: noteEntries, projections: [notesProjection] },
  staff: { rule: noteEntries, projections: [notesProjection] },
  board: { rule: boardEntries, projections: [boardProjection] },
  compare: { rule: compareEntries, projections: [linksProjection, linkRepliesProjection, matrixRowsProjection, matrixEntriesProjection, timelineProjection] },
  mylinks: { rule: linkEntries, projections: [linksProjection] },
  seminar: { rule: seminarEntries, projections: [spotlightsProjection] },
};

/** Every kind with both its sides: what the sync server, the projector and the rebuild read. */
export type RoomTable = Readonly<Record<string, RoomKindSpec & ServerSide>>;

export const ROOM_TABLE: RoomTable = Object.fromEntries(Object.entries(ROOM_KINDS).map(([kind, spec]) => [kind, { ...spec, ...SERVER_SIDE[kind as RoomKind] }]));

/** A room's parsed name and its kind's row; null for a name no kind has. */
export function kindOf(roomName: string, rooms: RoomTable): { room: ParsedRoom; kind: RoomKindSpec & ServerSide } | null {
  const room = parseRoomName(roomName, rooms);
  return room ? { room, kind: rooms[room.kind]! } : null;
}
