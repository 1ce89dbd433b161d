/**
 * The entry rules of the kinds of room (room-kinds.ts says which kind has which), checked after the structural write rule (write-rules.ts) on every
 * update that adds something: what an entry may look like and how large it may be, and the board's
 * locked threads. A rule answers why it refuses the update, or null.
 *
 * Every room holds the same kind of thing: entries of root maps (`u:<member>`, `mod`), each one JSON
 * value. Nothing else is accepted: no nested types, no lists, no text, so what is stored is exactly
 * what readers parse, and its size is the size of its values.
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import { entryKey, postEntrySchema, readThreadSettings, threadSettingsSchema, type PostEntry } from '~/lib/board/model';
import { linkReplySchema } from '~/lib/compare/link-replies';
import { isLinkEndKey, linkEndOverrideSchema, linkEntrySchema } from '~/lib/compare/links';
import {
  liveRowCount,
  MATRIX_LIMITS,
  MATRIX_SETTINGS_KEY,
  matrixEntrySchema,
  matrixRowSchema,
  matrixSettingsSchema,
  readMatrixRows,
  readRowProposals,
  rowProposalSchema,
  studentsMayProposeRows,
  type MatrixEntryValue,
} from '~/lib/compare/matrix';
import { TIMELINE_LIMITS, timelineEventSchema } from '~/lib/compare/timeline';
import { ANCHOR_KEY_PREFIX, anchorOverrideSchema, modFlagSchema, noteEntrySchema } from '~/lib/notes/model';
import { REACTION_PREFIX, reactionEntrySchema } from '~/lib/notes/reactions';
import { MATRIX_BRANCH, MOD_BRANCH, userBranch } from '~/lib/rooms/kinds';
import { spotlightSchema } from '~/lib/seminar/model';
import type { NewItem } from './write-rules';

export type RoomRule = (doc: Y.Doc, items: readonly NewItem[], userId: string) => string | null;

/** The longest entry, as JSON: a note's 20,000-character body and 10,000-character quote, escaped. */
export const MAX_ENTRY_CHARS = 100_000;

type Entry = { value: unknown; refusal?: undefined } | { value?: undefined; refusal: string | null };

/** An item's one JSON value, or why it is not an entry (null: deleted content, nothing to check). */
function entryOf({ item, key }: NewItem): Entry {
  if (item.content instanceof Y.ContentDeleted) return { refusal: null };
  if (key === null) return { refusal: 'only entries of a member’s own map may be written' };
  if (!(item.content instanceof Y.ContentAny) || item.content.arr.length !== 1) return { refusal: `entry "${key}" is not one JSON value` };
  const value = item.content.arr[0];
  const size = typeof value === 'string' ? value.length : JSON.stringify(value ?? null).length;
  if (size > MAX_ENTRY_CHARS) return { refusal: `entry "${key}" is longer than ${MAX_ENTRY_CHARS} characters` };
  return { value };
}

function firstRefusal(items: readonly NewItem[], rule: (item: NewItem) => string | null): string | null {
  for (const item of items) {
    const refusal = rule(item);
    if (refusal) return refusal;
  }
  return null;
}

/** A member's entry is a JSON string that parses with `schema` and whose id is its key. */
function parseOwnEntry<T extends { id: string }>(value: unknown, key: string, schema: z.ZodType<T>): T | string {
  if (typeof value !== 'string') return `entry "${key}" is not a JSON string`;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return `entry "${key}" is not JSON`;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return `entry "${key}": ${issue.path.join('.') || 'value'}: ${issue.message}`;
  }
  if (parsed.data.id !== key) return `entry "${key}" carries another id`;
  return parsed.data;
}

function parseFlag(value: unknown, key: string, schema: z.ZodType): string | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? null : `flag "${key}": ${parsed.error.issues[0]!.message}`;
}

/** Notes, replies and reactions under `u:<member>`, hide flags under `mod` (app/lib/notes/model.ts, reactions.ts). */
export const noteEntries: RoomRule = (_doc, items) =>
  firstRefusal(items, (item) => {
    const entry = entryOf(item);
    if (entry.refusal !== undefined) return entry.refusal;
    if (item.root === MOD_BRANCH) return parseFlag(entry.value, item.key!, item.key!.startsWith(ANCHOR_KEY_PREFIX) ? anchorOverrideSchema : modFlagSchema);
    const own = item.key!.startsWith(REACTION_PREFIX) ? parseOwnEntry(entry.value, item.key!, reactionEntrySchema) : parseOwnEntry(entry.value, item.key!, noteEntrySchema);
    return typeof own === 'string' ? own : null;
  });

/** The seminar room: instructors' spotlights under their own `u:<member>` (students write nothing there). */
export const seminarEntries: RoomRule = (_doc, items) =>
  firstRefusal(items, (item) => {
    const entry = entryOf(item);
    if (entry.refusal !== undefined) return entry.refusal;
    const spotlight = parseOwnEntry(entry.value, item.key!, spotlightSchema);
    return typeof spotlight === 'string' ? spotlight : null;
  });

/** Evidence links under `u:<member>`, hide flags under `mod` (app/lib/compare/links.ts). */
export const linkEntries: RoomRule = (_doc, items) =>
  firstRefusal(items, (item) => {
    const entry = entryOf(item);
    if (entry.refusal !== undefined) return entry.refusal;
    if (item.root === MOD_BRANCH) return parseFlag(entry.value, item.key!, modFlagSchema);
    const link = parseOwnEntry(entry.value, item.key!, linkEntrySchema);
    return typeof link === 'string' ? link : null;
  });

/**
 * The compare room: evidence links, link replies, matrix entries and timeline events under `u:<member>`, hide flags under `mod`, the
 * matrix's rows under `matrix` (app/lib/compare/). At most MATRIX_LIMITS.rows rows that are not
 * deleted; a new entry only in a row that is there and not locked; an entry never moves to another cell.
 */
export const compareEntries: RoomRule = (doc, items, userId) => {
  const branch = doc.getMap(userBranch(userId));
  const rows = new Map(readMatrixRows(doc).map((r) => [r.id, r]));
  const live = new Set([...rows.values()].filter((r) => !r.deleted).map((r) => r.id));
  // The member's timeline events, counted once per update when a new one is in it.
  let ownEvents: number | undefined;
  const refusal = firstRefusal(items, (item) => {
    const entry = entryOf(item);
    if (entry.refusal !== undefined) return entry.refusal;
    const key = item.key!;
    if (item.root === MOD_BRANCH) return parseFlag(entry.value, key, key === MATRIX_SETTINGS_KEY ? matrixSettingsSchema : isLinkEndKey(key) ? linkEndOverrideSchema : modFlagSchema);
    if (item.root === MATRIX_BRANCH) {
      const row = parseOwnEntry(entry.value, key, matrixRowSchema);
      if (typeof row === 'string') return row;
      if (row.deleted) live.delete(key);
      else live.add(key);
      return null;
    }
    const { type, motivation } = entryKind(entry.value);
    if (type === 'MatrixRowProposal') {
      const proposal = parseOwnEntry(entry.value, key, rowProposalSchema);
      if (typeof proposal === 'string') return proposal;
      if (branch.has(key)) return null; // (editing or withdrawing one's own)
      if (!studentsMayProposeRows(doc)) return 'the instructors have not opened the matrix to proposed rows';
      const mine = readRowProposals(doc).filter((p) => p.authorId === userId && !p.deleted).length;
      return mine >= MATRIX_LIMITS.proposalsPerMember ? `at most ${MATRIX_LIMITS.proposalsPerMember} proposed rows per member` : null;
    }
    if (type === 'Annotation' && motivation === 'replying') return linkReplyRefusal(doc, branch, entry.value, key);
    if (type === 'TimelineEvent') return timelineEventRefusal(branch, entry.value, key, () => (ownEvents ??= countOwnEvents(branch)), () => ownEvents!++);
    if (type !== 'MatrixEntry') {
      const link = parseOwnEntry(entry.value, key, linkEntrySchema);
      return typeof link === 'string' ? link : null;
    }
    const value = parseOwnEntry(entry.value, key, matrixEntrySchema);
    if (typeof value === 'string') return value;
    const before = branch.get(key);
    const existing = typeof before === 'string' ? parseOwnEntry(before, key, matrixEntrySchema) : null;
    if (existing && typeof existing !== 'string') return sameCell(existing, value) ? null : 'a matrix entry cannot move to another cell';
    const row = rows.get(value.row);
    if (!row || row.deleted) return 'the matrix has no such row';
    if (row.locked) return `the row “${row.title}” is locked: no new entries`;
    return null;
  });
  if (refusal) return refusal;
  return live.size > MATRIX_LIMITS.rows && live.size > liveRowCount([...rows.values()]) ? `the matrix has at most ${MATRIX_LIMITS.rows} rows` : null;
};

/**
 * What an entry's JSON says it is: its `type` (links and replies are "Annotation"s, matrix entries
 * "MatrixEntry"s) and, for an annotation, its `motivation` ("linking" or "replying"). One parse for both.
 */
function entryKind(value: unknown): { type?: unknown; motivation?: unknown } {
  if (typeof value !== 'string') return {};
  try {
    const json = JSON.parse(value) as { type?: unknown; motivation?: unknown } | null;
    return { type: json?.type, motivation: json?.motivation };
  } catch {
    return {};
  }
}

/** A reply answers a link of this room that is not deleted, and an edit keeps the link it answers. */
function linkReplyRefusal(doc: Y.Doc, branch: Y.Map<unknown>, value: unknown, key: string): string | null {
  const reply = parseOwnEntry(value, key, linkReplySchema);
  if (typeof reply === 'string') return reply;
  const before = branch.get(key);
  const existing = typeof before === 'string' ? parseOwnEntry(before, key, linkReplySchema) : null;
  if (existing && typeof existing !== 'string') return existing.target.author === reply.target.author && existing.target.id === reply.target.id ? null : 'a reply cannot move to another link';
  // (Looked up, not read from every branch: an update of many replies stays linear.)
  const linkBranch = userBranch(reply.target.author);
  const stored = doc.share.has(linkBranch) ? doc.getMap(linkBranch).get(reply.target.id) : undefined;
  const link = parseOwnEntry(stored, reply.target.id, linkEntrySchema);
  if (typeof link === 'string' || link.deleted) return 'the link this replies to is not in the room';
  return null;
}

const sameCell = (a: MatrixEntryValue, b: MatrixEntryValue) => a.row === b.row && a.case === b.case;

/** An event keeps the passage it was made from; a member has at most TIMELINE_LIMITS.eventsPerMember of them. */
function timelineEventRefusal(branch: Y.Map<unknown>, value: unknown, key: string, count: () => number, counted: () => void): string | null {
  const event = parseOwnEntry(value, key, timelineEventSchema);
  if (typeof event === 'string') return event;
  const before = branch.get(key);
  const existing = typeof before === 'string' ? parseOwnEntry(before, key, timelineEventSchema) : null;
  // (Re-attached to a new passage of its source, when a newer version lost the old one: still the same event.)
  if (existing && typeof existing !== 'string') return existing.target[0].source === event.target[0].source ? null : 'a timeline event cannot move to another source';
  if (count() >= TIMELINE_LIMITS.eventsPerMember) return `at most ${TIMELINE_LIMITS.eventsPerMember} timeline events per member`;
  counted();
  return null;
}

function countOwnEvents(branch: Y.Map<unknown>): number {
  let n = 0;
  branch.forEach((raw) => {
    if (typeof raw === 'string' && raw.includes('"TimelineEvent"') && entryKind(raw).type === 'TimelineEvent') n++;
  });
  return n;
}

/**
 * Threads and replies under `u:<member>`, hide flags and thread settings under `mod`
 * (app/lib/board/model.ts). No new reply in a locked thread (editing one written before the lock
 * stays allowed), and no post moves: an edit keeps its kind, thread and parent.
 */
export const boardEntries: RoomRule = (doc, items, userId) => {
  const branch = doc.getMap(userBranch(userId));
  return firstRefusal(items, (item) => {
    const entry = entryOf(item);
    if (entry.refusal !== undefined) return entry.refusal;
    const key = item.key!;
    if (item.root === MOD_BRANCH) return parseFlag(entry.value, key, key.startsWith('thread:') ? threadSettingsSchema : modFlagSchema);
    const post = parseOwnEntry(entry.value, key, postEntrySchema);
    if (typeof post === 'string') return post;
    const before = branch.get(key);
    const existing = typeof before === 'string' ? parseOwnEntry(before, key, postEntrySchema) : null;
    if (existing && typeof existing !== 'string') {
      return samePlace(existing, post) ? null : 'a post cannot move to another thread or parent';
    }
    if (post.kind === 'reply' && post.threadId && post.threadAuthorId && readThreadSettings(doc, entryKey(post.threadAuthorId, post.threadId))?.locked) {
      return 'the thread is locked: no new replies';
    }
    return null;
  });
};

function samePlace(a: PostEntry, b: PostEntry) {
  return a.kind === b.kind && a.threadId === b.threadId && a.threadAuthorId === b.threadAuthorId && a.parentId === b.parentId && a.parentAuthorId === b.parentAuthorId;
}
