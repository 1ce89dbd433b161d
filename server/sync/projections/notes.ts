/**
 * Projects the notes of a document's rooms (`doc:`, `private:`, `staff:`) into the `notes` table, a
 * derived copy that loaders, assignments, search and exports read. Changed rows are written within
 * a fraction of a second of a change (server/sync/projector.ts); `npm run rebuild` recreates the
 * table from the rooms.
 */
import type * as Y from 'yjs';
import { entryKey, readModFlags, readNotes, type Note } from '~/lib/notes/model';
import { visibilityOfKind } from '~/lib/notes/rooms';
import type { Visibility } from '~/lib/notes/visibility';
import { isUuid } from '~/lib/rooms/ids';
import type { ParsedRoom } from '~/lib/rooms/names';
import { announce, notifyModeration, notifyNoteReplies } from '../../../db/queries/notifications';
import type { Projection } from './projection';

export interface NoteRow {
  room: string;
  author_id: string;
  id: string;
  course_id: string;
  document_id: string;
  visibility: Visibility;
  kind: 'note' | 'reply';
  parent_id: string | null;
  parent_author_id: string | null;
  quote: string | null;
  selectors: Note['selectors'];
  document_version: number;
  body: string;
  tags: string[];
  created_at: Date;
  updated_at: Date;
  hidden: boolean;
  hidden_reason: string | null;
  deleted: boolean;
}

// A note's row, kept while the note (the same object from readNotes) and its moderation flag are
// unchanged: a pass over a room of thousands of notes then builds, and serialises, only what changed.
const rowCache = new WeakMap<Note, { room: string; hidden: boolean; reason: string | null; row: NoteRow }>();

/** The rows of a document's room: its notes and replies, with their moderation. */
export function noteRows(roomName: string, room: ParsedRoom, doc: Y.Doc): NoteRow[] {
  const visibility = visibilityOfKind(room.kind);
  if (!visibility || !room.documentId) throw new Error(`${roomName} holds no notes of a document`);
  const documentId = room.documentId;
  const flags = readModFlags(doc);
  return readNotes(doc)
    .filter((n) => isUuid(n.authorId) && (n.parentAuthorId === null || isUuid(n.parentAuthorId)))
    .map((n) => {
      const flag = flags.get(entryKey(n.authorId, n.id));
      const [hidden, reason] = [flag?.hidden ?? false, flag?.hidden ? flag.reason : null];
      const cached = rowCache.get(n);
      if (cached && cached.room === roomName && cached.hidden === hidden && cached.reason === reason) return cached.row;
      const row: NoteRow = {
        room: roomName,
        author_id: n.authorId,
        id: n.id,
        course_id: room.courseId,
        document_id: documentId,
        visibility,
        kind: n.kind,
        parent_id: n.parentId,
        parent_author_id: n.parentAuthorId,
        quote: n.selectors?.quote.exact ?? null,
        selectors: n.selectors,
        document_version: n.documentVersion,
        body: n.body,
        tags: n.tags,
        created_at: new Date(n.createdAt),
        updated_at: new Date(n.updatedAt),
        hidden,
        hidden_reason: reason,
        deleted: n.deleted,
      };
      rowCache.set(n, { room: roomName, hidden, reason, row });
      return row;
    });
}

/** Upserts changed notes, and tells their authors of replies and of moderation. */
async function upsertNotes(tx: Parameters<Projection['upsert']>[0], roomName: string, changed: NoteRow[]) {
  // Whether each changed row was hidden before: its author is told when that changes.
  const before = await tx<{ author_id: string; id: string; hidden: boolean }[]>`
    SELECT author_id, id, hidden FROM notes
    WHERE room = ${roomName} AND (author_id, id) IN (
      SELECT * FROM unnest(${tx.array(changed.map((r) => r.author_id))}::uuid[], ${tx.array(changed.map((r) => r.id))}::text[]))`;
  await tx`
    INSERT INTO notes ${tx(changed.map((r) => ({ ...r, selectors: r.selectors ? tx.json(r.selectors) : null })) as never)}
    ON CONFLICT (room, author_id, id) DO UPDATE SET
      course_id = EXCLUDED.course_id, document_id = EXCLUDED.document_id, visibility = EXCLUDED.visibility,
      kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id, parent_author_id = EXCLUDED.parent_author_id,
      quote = EXCLUDED.quote, selectors = EXCLUDED.selectors, document_version = EXCLUDED.document_version,
      body = EXCLUDED.body, tags = EXCLUDED.tags, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
      hidden = EXCLUDED.hidden, hidden_reason = EXCLUDED.hidden_reason, deleted = EXCLUDED.deleted`;
  await notifyNoteReplies(tx, changed.filter((r) => r.kind === 'reply'));
  await notifyModeration(tx, changed, new Map(before.map((b) => [`${b.author_id}:${b.id}`, b.hidden])));
  // Their assignment progress may have moved: open assignment pages refresh their counters.
  await announce(tx, changed.map((r) => r.author_id), 'progress');
}

export const notesProjection: Projection<NoteRow> = { table: 'notes', rows: noteRows, upsert: upsertNotes };
