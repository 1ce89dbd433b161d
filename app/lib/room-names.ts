/**
 * Room names say what a room holds and who may join it:
 *   doc:<course>:<document>             a class's shared notes on a document (members)
 *   private:<course>:<document>:<user>  one member's own notes (that member only)
 *   staff:<course>:<document>           instructors' notes (instructors only)
 *   board:<course>                      discussion threads (members)
 *   compare:<course>                    comparison matrix and evidence links (members)
 */
export type RoomName =
  | { kind: 'doc' | 'staff'; courseId: string; documentId: string }
  | { kind: 'private'; courseId: string; documentId: string; userId: string }
  | { kind: 'board' | 'compare'; courseId: string };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const PATTERNS: [RoomName['kind'], RegExp][] = [
  ['doc', new RegExp(`^doc:(${UUID}):(${UUID})$`)],
  ['staff', new RegExp(`^staff:(${UUID}):(${UUID})$`)],
  ['private', new RegExp(`^private:(${UUID}):(${UUID}):(${UUID})$`)],
  ['board', new RegExp(`^board:(${UUID})$`)],
  ['compare', new RegExp(`^compare:(${UUID})$`)],
];

/** Parses a room name; null for anything that is not exactly one of the forms above. */
export function parseRoomName(name: string): RoomName | null {
  for (const [kind, pattern] of PATTERNS) {
    const match = pattern.exec(name);
    if (!match) continue;
    const [, courseId, second, third] = match as unknown as [string, string, string | undefined, string | undefined];
    if (kind === 'board' || kind === 'compare') return { kind, courseId };
    if (kind === 'private') return { kind, courseId, documentId: second!, userId: third! };
    return { kind, courseId, documentId: second! };
  }
  return null;
}

/** The root map a member writes under, in every room. */
export function userBranch(userId: string): string {
  return `u:${userId}`;
}

/** The root map instructors write moderation flags under. */
export const MOD_BRANCH = 'mod';
