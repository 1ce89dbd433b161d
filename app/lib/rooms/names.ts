/**
 * Room names say what a room holds and who may join it (kinds.ts):
 *   doc:<course>:<document>             a class's shared notes on a document (members)
 *   private:<course>:<document>:<user>  one member's own notes (that member only)
 *   staff:<course>:<document>           instructors' notes (instructors only)
 *   board:<course>                      discussion threads (members)
 *   compare:<course>                    comparison matrix and evidence links (members)
 *   mylinks:<course>:<user>             one member's own evidence links (that member only)
 */
import { UUID_PATTERN } from './ids';
import { ROOM_KINDS, type NamePart, type ParsedRoom, type RoomKind, type RoomKindSpec } from './kinds';

export type { ParsedRoom };

type PartsOf<K extends RoomKind> = (typeof ROOM_KINDS)[K]['parts'][number];
/** A parsed room name: its kind and the ids its name is made of. */
export type RoomName = { [K in RoomKind]: { kind: K } & Record<PartsOf<K>, string> }[RoomKind];

/** A table of kinds: ROOM_KINDS, or (in tests) ROOM_KINDS with a scratch kind added. */
export type RoomKinds = Readonly<Record<string, RoomKindSpec>>;

const patterns = new WeakMap<RoomKinds, [string, RegExp][]>();
function patternsOf(kinds: RoomKinds) {
  let list = patterns.get(kinds);
  if (!list) {
    list = Object.entries(kinds).map(([kind, spec]) => [kind, new RegExp(`^${kind}:${spec.parts.map(() => `(${UUID_PATTERN})`).join(':')}$`)]);
    patterns.set(kinds, list);
  }
  return list;
}

/** Parses a room name; null for anything that is not exactly one of the table's forms. */
export function parseRoomName(name: string): RoomName | null;
export function parseRoomName(name: string, kinds: RoomKinds): ParsedRoom | null;
export function parseRoomName(name: string, kinds: RoomKinds = ROOM_KINDS): ParsedRoom | null {
  for (const [kind, pattern] of patternsOf(kinds)) {
    const match = pattern.exec(name);
    if (!match) continue;
    const room: Partial<Record<NamePart, string>> = {};
    kinds[kind]!.parts.forEach((part, i) => (room[part] = match[i + 1]));
    return { kind, ...room } as ParsedRoom;
  }
  return null;
}

/** The name of a room: `roomName({ kind: 'doc', courseId, documentId })` is `doc:<course>:<document>`. */
export function roomName(room: RoomName): string;
export function roomName(room: ParsedRoom, kinds: RoomKinds): string;
export function roomName(room: ParsedRoom, kinds: RoomKinds = ROOM_KINDS): string {
  const spec = kinds[room.kind];
  if (!spec) throw new Error(`no room kind "${room.kind}"`);
  return [room.kind, ...spec.parts.map((part) => room[part])].join(':');
}
