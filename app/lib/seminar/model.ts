/**
 * Seminar mode's live state (docs/seminar-mode.md). Each course has one seminar room (`seminar:<course>`):
 * - instructors' spotlights are entries of their own branch, one per spotlight or clearing, so that the
 *   room keeps their history (the record) and a late joiner sees the current one;
 * - the leader's position and each member's mode (following or reading on their own) are presence:
 *   ephemeral, sent on in one combined message per tick (server/sync/room.ts), and the server passes a
 *   `lead` on only from an instructor (server/sync/presence.ts).
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { entryCache, isKind, readBranchEntries } from '~/lib/branch-entries';
import { userBranch } from '~/lib/rooms/kinds';
import { roomName } from '~/lib/rooms/names';

const uuid = z.string().uuid();

export const seminarRoomName = (courseId: string) => roomName({ kind: 'seminar', courseId });

/** Where a reader is: the ¶ at the top of its screen and how far into it (0–1 of its height), per source shown. */
export const readerPositionSchema = z.object({
  documentId: uuid,
  block: z.number().int().min(0).max(1_000_000),
  offset: z.number().min(0).max(1),
});
export type ReaderPosition = z.infer<typeof readerPositionSchema>;

/** The leader's presence: the seminar they lead and where they are (one source, or both sides of a comparison). */
export const leadSchema = z.object({
  seminarId: uuid,
  at: z.array(readerPositionSchema).min(1).max(2),
});
export type Lead = z.infer<typeof leadSchema>;

/** How often at most the leader's reader says where it is: about one server tick (server/sync/options.ts). */
export const LEAD_INTERVAL_MS = 60;

export const SEMINAR_MODES = ['follow', 'own'] as const;
export type SeminarMode = (typeof SEMINAR_MODES)[number];

/**
 * What a spotlight marks: a passage of a source, or a note (by room and key) with its passage where it was
 * when spotlighted, or an evidence link (by key) with its two passages. Offsets are of `version`; a reader
 * of another version finds the quote instead.
 */
const passageFields = { documentId: uuid, version: z.number().int().min(1), start: z.number().int().min(0), end: z.number().int().min(1), quote: z.string().max(2000) };
export const spotlightTargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('passage'), ...passageFields }),
  z.object({ type: z.literal('note'), ...passageFields, room: z.string().max(200), key: z.string().max(140) }),
  z.object({ type: z.literal('link'), key: z.string().max(140), quote: z.string().max(2000), ends: z.array(z.object(passageFields)).min(1).max(2) }),
]);
export type SpotlightTarget = z.infer<typeof spotlightTargetSchema>;

export const spotlightSchema = z.object({
  type: z.literal('Spotlight'),
  id: z.string().min(1).max(64),
  seminarId: uuid,
  /** Null: the spotlight was cleared. */
  target: spotlightTargetSchema.nullable(),
  at: z.number(),
});
export type SpotlightValue = z.infer<typeof spotlightSchema>;
export type Spotlight = SpotlightValue & { authorId: string };

const parsedSpotlights = entryCache<Spotlight>();

/** Every well-formed spotlight entry in the room. */
export function readSpotlights(doc: Y.Doc): Spotlight[] {
  return readBranchEntries(doc, parsedSpotlights, (json, id, authorId) => {
    if (!isKind(json, 'type', 'Spotlight')) return null;
    const spotlight = spotlightSchema.safeParse(json).data;
    return spotlight && spotlight.id === id ? { ...spotlight, authorId } : null;
  });
}

/** The seminar's spotlight now: its latest entry, unless that cleared it. */
export function currentSpotlight(doc: Y.Doc, seminarId: string): Spotlight | null {
  let latest: Spotlight | null = null;
  for (const s of readSpotlights(doc)) if (s.seminarId === seminarId && (!latest || s.at > latest.at)) latest = s;
  return latest?.target ? latest : null;
}

/** Spotlights `target` (null clears it), as a new entry of the instructor's branch. */
export function setSpotlight(doc: Y.Doc, authorId: string, seminarId: string, target: SpotlightTarget | null, now = Date.now()) {
  const id = `s${now.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const value: SpotlightValue = { type: 'Spotlight', id, seminarId, target, at: now };
  doc.getMap(userBranch(authorId)).set(id, JSON.stringify(value));
}

/**
 * Where the spotlit passage (or note's passage) is in this reader's `source`: at its offsets when they
 * are of this version and still hold the quote, else where the quote is; null if it is not on this source.
 */
export function spotlitPassage(target: SpotlightTarget | null, source: { id: string; version: number; text: string }): { start: number; end: number } | null {
  if (!target) return null;
  // A link is marked on whichever of its two passages this source holds.
  const passage = target.type === 'link' ? target.ends.find((end) => end.documentId === source.id) : target;
  if (!passage || passage.documentId !== source.id || !passage.quote) return null;
  if (passage.version === source.version && source.text.slice(passage.start, passage.end) === passage.quote) return { start: passage.start, end: passage.end };
  const at = source.text.indexOf(passage.quote);
  return at >= 0 ? { start: at, end: at + passage.quote.length } : null;
}

/** A seminar question's and its written answer's longest (db/migrations/024 checks the same). */
export const QUESTION_LIMITS = { body: 1000, answer: 4000 } as const;
