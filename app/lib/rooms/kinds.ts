/**
 * The kinds of room, in one table: for each, what its name is made of, who may join it and which of a
 * room's root maps each role may write. Everything that handles room names reads this table (client
 * builders, the sync server's join check and its re-check, the write rule); the server's side of a
 * kind (its entry rule and its projection) is a row of server/sync/room-kinds.ts, which TypeScript
 * requires for every kind here. docs/architecture.md shows where a new kind goes.
 */
import type { Visibility } from '~/lib/notes/visibility';

import type { Role } from '../../../db/queries/courses';

export type { Role };
/** What a room's name is made of, after its kind: `<kind>:<part>:<part>…`, every part a UUID. */
export type NamePart = 'courseId' | 'documentId' | 'userId';

/** A parsed room name: its kind and the ids its name is made of (names.ts). */
export interface ParsedRoom {
  kind: string;
  courseId: string;
  documentId?: string;
  userId?: string;
}

export interface RoomKindSpec {
  parts: readonly NamePart[];
  /**
   * Who of a course's members may be in such a room (membership of the course, and the document being
   * the course's, are checked for every kind): null, or why not. Checked at the upgrade and again
   * whenever the member's role or session may have changed.
   */
  mayJoin(room: ParsedRoom, member: { userId: string; role: Role }): string | null;
  /** The root maps `userId` may write in such a room. */
  writableRoots(member: { userId: string; role: Role }): string[];
  /** For rooms of a document's notes: which of the reader's visibilities the room holds. */
  visibility?: Visibility;
  /**
   * Classmates' entries a student may not be sent until they have compared (app/lib/compare/peer-gate.server.ts):
   * those of a gated assignment's sources (`document`), or of any while a gate is closed (`course`).
   */
  peerGate?: 'document' | 'course';
}

/** The root map a member writes under, in every room. */
export function userBranch(userId: string): string {
  return `u:${userId}`;
}

/** An entry's identity in any room, a note's or a post's: "<author>:<id>" (ids are unique per author). */
export const entryKey = (authorId: string, id: string) => `${authorId}:${id}`;

/** The root map instructors write moderation flags (and the board's thread settings) under. */
export const MOD_BRANCH = 'mod';

/** The root map of the comparison matrix's rows (app/lib/compare/matrix.ts): instructors write it. */
export const MATRIX_BRANCH = 'matrix';

const everyMember = () => null;
/** Members write their own map; instructors also the moderation map. */
const ownAndModeration = ({ userId, role }: { userId: string; role: Role }) => (role === 'instructor' ? [userBranch(userId), MOD_BRANCH] : [userBranch(userId)]);

export const ROOM_KINDS = {
  /** A class's shared notes on a document. */
  doc: { parts: ['courseId', 'documentId'], mayJoin: everyMember, writableRoots: ownAndModeration, visibility: 'class', peerGate: 'document' },
  /** One member's own notes on a document. */
  private: {
    parts: ['courseId', 'documentId', 'userId'],
    mayJoin: (room, { userId }) => (room.userId === userId ? null : "another member's private notes"),
    writableRoots: ownAndModeration,
    visibility: 'private',
  },
  /** Instructors' notes on a document. */
  staff: {
    parts: ['courseId', 'documentId'],
    mayJoin: (_room, { role }) => (role === 'instructor' ? null : 'instructors only'),
    writableRoots: ownAndModeration,
    visibility: 'staff',
  },
  /** The course's discussion threads. */
  board: { parts: ['courseId'], mayJoin: everyMember, writableRoots: ownAndModeration },
  /** The course's comparison of its cases (evidence links, the matrix). */
  compare: {
    parts: ['courseId'],
    mayJoin: everyMember,
    peerGate: 'course',
    writableRoots: (member) => (member.role === 'instructor' ? [...ownAndModeration(member), MATRIX_BRANCH] : ownAndModeration(member)),
  },
  /**
   * The course's live seminar (app/lib/seminar/model.ts): instructors' spotlights; the leader's position
   * and who follows are presence. Students write nothing here.
   */
  seminar: {
    parts: ['courseId'],
    mayJoin: everyMember,
    writableRoots: ({ userId, role }) => (role === 'instructor' ? [userBranch(userId)] : []),
  },
  /** One member's own ("Only me") evidence links. */
  mylinks: {
    parts: ['courseId', 'userId'],
    mayJoin: (room, { userId }) => (room.userId === userId ? null : "another member's own links"),
    writableRoots: ({ userId }) => [userBranch(userId)],
  },
} as const satisfies Record<string, RoomKindSpec>;

export type RoomKind = keyof typeof ROOM_KINDS;
