/**
 * Margin notes as they live in a room's Y.Doc (docs/notes.md). Each member's notes and replies are
 * JSON strings under their own root map `u:<userId>`, keyed by note id; moderation flags are under
 * `mod`, keyed "<authorId>:<noteId>". A reply names the note it answers, so write rules stay
 * structural. An edit replaces the whole entry: only its author writes a note, so there is nothing to
 * merge field by field, and one string per note decodes several times faster than a Y.Map per note
 * (Yjs encodes and decodes each field of an object or map separately).
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { entryCache, parseStored, readBranchEntries } from '~/lib/branch-entries';
import { entryKey, MOD_BRANCH, userBranch } from '~/lib/rooms/kinds';

export { entryKey };

export const NOTE_LIMITS = { body: 20_000, tags: 20, tagLength: 40 } as const;

const selectorsSchema = z.object({
  position: z.object({ type: z.literal('TextPositionSelector'), start: z.number().int().min(0), end: z.number().int().min(0) }),
  quote: z.object({ type: z.literal('TextQuoteSelector'), exact: z.string().max(10_000), prefix: z.string().max(100), suffix: z.string().max(100) }),
});

/** What a note entry must look like; anything else in a branch is ignored by readers and the projection. */
export const noteEntrySchema = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(['note', 'reply']),
  /** For a reply: the note it answers, and that note's author. */
  parentId: z.string().max(64).nullable(),
  parentAuthorId: z.string().max(64).nullable(),
  body: z.string().max(NOTE_LIMITS.body),
  tags: z.array(z.string().min(1).max(NOTE_LIMITS.tagLength)).max(NOTE_LIMITS.tags),
  /** Null for a page-level note (on the whole document) and for replies. */
  selectors: selectorsSchema.nullable(),
  documentVersion: z.number().int().min(1),
  createdAt: z.number(),
  updatedAt: z.number(),
  deleted: z.boolean(),
  /** A note imported from a file (docs/export.md): who wrote it there, when, and in what format. */
  imported: z.object({ author: z.string().max(200), createdAt: z.number().nullable(), format: z.string().max(40) }).optional(),
});

export type NoteEntry = z.infer<typeof noteEntrySchema>;
export type Note = NoteEntry & { authorId: string };

export const modFlagSchema = z.object({
  hidden: z.boolean(),
  reason: z.string().max(500),
  by: z.string(),
  at: z.number(),
});
export type ModFlag = z.infer<typeof modFlagSchema>;

const parsedNotes = entryCache<Note>();

/** A stored entry's JSON (from a string, or a Y.Map in rooms from before), as a note if it is one. */
function parseEntry(json: unknown, id: string, authorId: string): Note | null {
  const parsed = noteEntrySchema.safeParse(json);
  return parsed.success && parsed.data.id === id ? { ...parsed.data, authorId } : null;
}

/**
 * An instructor's re-attaching of someone's note whose passage was not placed (docs/versions.md), under
 * `mod` as `anchor:<author>:<id>` (the author's branch is theirs alone): its new passage, in a version.
 */
export const anchorOverrideSchema = z.object({
  selectors: selectorsSchema,
  documentVersion: z.number().int().min(1),
  by: z.string(),
  at: z.number(),
});
export type AnchorOverride = z.infer<typeof anchorOverrideSchema>;
export const ANCHOR_KEY_PREFIX = 'anchor:';

function readAnchorOverrides(doc: Y.Doc): Map<string, AnchorOverride> {
  const overrides = new Map<string, AnchorOverride>();
  doc.getMap(MOD_BRANCH).forEach((value, key) => {
    if (!key.startsWith(ANCHOR_KEY_PREFIX)) return;
    const parsed = anchorOverrideSchema.safeParse(value);
    if (parsed.success) overrides.set(key.slice(ANCHOR_KEY_PREFIX.length), parsed.data);
  });
  return overrides;
}

// A note with an override applied, kept while neither changes (the projection and the margin rely on
// an unchanged note staying the same object).
const placedBy = new WeakMap<Note, { override: AnchorOverride; note: Note }>();

/**
 * Every well-formed note and reply in a room's document (an unchanged note stays the same object), each
 * at the passage an instructor re-attached it to, if they did so after its author last changed it.
 */
export function readNotes(doc: Y.Doc): Note[] {
  const notes = readBranchEntries(doc, parsedNotes, parseEntry);
  const overrides = readAnchorOverrides(doc);
  if (overrides.size === 0) return notes;
  return notes.map((n) => {
    const override = overrides.get(entryKey(n.authorId, n.id));
    if (!override || n.kind !== 'note' || n.selectors === null || override.at <= n.updatedAt) return n;
    const cached = placedBy.get(n);
    if (cached?.override === override || (cached && JSON.stringify(cached.override) === JSON.stringify(override))) return cached.note;
    const note = { ...n, selectors: override.selectors, documentVersion: override.documentVersion };
    placedBy.set(n, { override, note });
    return note;
  });
}

/** An instructor re-attaches someone's note to a passage of the version they read. */
export function setAnchorOverride(doc: Y.Doc, input: { authorId: string; noteId: string; selectors: NonNullable<NoteEntry['selectors']>; documentVersion: number; by: string }) {
  doc.getMap(MOD_BRANCH).set(`${ANCHOR_KEY_PREFIX}${entryKey(input.authorId, input.noteId)}`, {
    selectors: input.selectors,
    documentVersion: input.documentVersion,
    by: input.by,
    at: Date.now(),
  });
}

export function readModFlags(doc: Y.Doc): Map<string, ModFlag> {
  const flags = new Map<string, ModFlag>();
  doc.getMap(MOD_BRANCH).forEach((value, key) => {
    const parsed = modFlagSchema.safeParse(value instanceof Y.Map ? value.toJSON() : value);
    if (parsed.success) flags.set(key, parsed.data);
  });
  return flags;
}

/** Writes a new note or reply into the author's branch. */
export function addNote(doc: Y.Doc, authorId: string, entry: NoteEntry) {
  doc.getMap(userBranch(authorId)).set(entry.id, JSON.stringify(entry));
}

/** The author's own entry as written, read from either form a room may hold. */
function ownEntry(doc: Y.Doc, authorId: string, id: string): NoteEntry | null {
  const note = parseEntry(parseStored(doc.getMap(userBranch(authorId)).get(id)), id, authorId);
  if (!note) return null;
  const { authorId: _author, ...entry } = note;
  return entry;
}

/** Edits fields of one's own note. */
export function updateNote(doc: Y.Doc, authorId: string, id: string, change: Partial<Pick<NoteEntry, 'body' | 'tags'>>) {
  const entry = ownEntry(doc, authorId, id);
  if (entry) doc.getMap(userBranch(authorId)).set(id, JSON.stringify({ ...entry, ...change, updatedAt: Date.now() }));
}

/** Moves one's own note to another passage (one not placed in a new version of the text): its selectors on `documentVersion`. */
export function reattachNote(doc: Y.Doc, authorId: string, id: string, to: Pick<NoteEntry, 'selectors' | 'documentVersion'>) {
  const entry = ownEntry(doc, authorId, id);
  if (entry && entry.kind === 'note') doc.getMap(userBranch(authorId)).set(id, JSON.stringify({ ...entry, ...to, updatedAt: Date.now() }));
}

/** Deletes one's own note, leaving a placeholder so replies keep their thread. */
export function deleteNote(doc: Y.Doc, authorId: string, id: string) {
  const entry = ownEntry(doc, authorId, id);
  if (entry) doc.getMap(userBranch(authorId)).set(id, JSON.stringify({ ...entry, deleted: true, body: '', tags: [], updatedAt: Date.now() }));
}

/** An instructor hides (or un-hides) someone's note or reply. */
export function setHidden(doc: Y.Doc, input: { authorId: string; noteId: string; hidden: boolean; reason: string; by: string }) {
  doc.getMap(MOD_BRANCH).set(entryKey(input.authorId, input.noteId), { hidden: input.hidden, reason: input.reason, by: input.by, at: Date.now() });
}
