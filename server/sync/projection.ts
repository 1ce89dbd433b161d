/**
 * Projects the notes of annotation rooms (`doc:`, `private:`, `staff:`) into the `notes` table, a
 * derived copy that loaders, assignments, search and exports read (and board rooms into
 * `board_posts`, server/sync/board-projection.ts). Changed rows are written within
 * a fraction of a second of a change; `npm run notes:rebuild` recreates the table from the rooms.
 */
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { sql } from '../../db/sql';
import { modKey, readModFlags, readNotes, type Note } from '../../app/lib/notes/model';
import { parseRoomName } from '../../app/lib/room-names';
import { announce, notifyModeration, notifyNoteReplies } from '../../db/queries/notifications';
import { boardRows, writeBoardRows } from './board-projection';
import { deleteGoneRows, diffRows } from './projected-rows';

const VISIBILITY = { doc: 'class', private: 'private', staff: 'staff' } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NoteRow {
  room: string;
  author_id: string;
  id: string;
  course_id: string;
  document_id: string;
  visibility: 'class' | 'private' | 'staff';
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

/** The parsed name of a room that holds notes on a document; null for any other room. */
function annotationRoom(roomName: string) {
  const room = parseRoomName(roomName);
  return room && room.kind in VISIBILITY && 'documentId' in room ? room : null;
}

// A note's row, kept while the note (the same object from readNotes) and its moderation flag are
// unchanged: a pass over a room of thousands of notes then builds, and serialises, only what changed.
const rowCache = new WeakMap<Note, { room: string; hidden: boolean; reason: string | null; row: NoteRow }>();

/** The rows a room's document stands for; null for rooms that hold no notes. */
export function noteRows(roomName: string, doc: Y.Doc): NoteRow[] | null {
  const room = annotationRoom(roomName);
  if (!room) return null;
  const flags = readModFlags(doc);
  return readNotes(doc)
    .filter((n) => UUID.test(n.authorId) && (n.parentAuthorId === null || UUID.test(n.parentAuthorId)))
    .map((n) => {
      const flag = flags.get(modKey(n.authorId, n.id));
      const [hidden, reason] = [flag?.hidden ?? false, flag?.hidden ? flag.reason : null];
      const cached = rowCache.get(n);
      if (cached && cached.room === roomName && cached.hidden === hidden && cached.reason === reason) return cached.row;
      const row: NoteRow = {
        room: roomName,
        author_id: n.authorId,
        id: n.id,
        course_id: room.courseId,
        document_id: room.documentId,
        visibility: VISIBILITY[room.kind as keyof typeof VISIBILITY],
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


/**
 * Writes the rows of `roomName` that differ from `previous` (what was last written, by key and
 * serialised row) and deletes those that are gone. With no `previous`, replaces the room's rows.
 * Returns what is now written, for the next call.
 */
export async function writeNoteRows(roomName: string, rows: NoteRow[], previous?: Map<string, string>): Promise<Map<string, string>> {
  const { current, changed, removed } = diffRows(rows, previous);
  if (changed.length === 0 && removed?.length === 0) return current; // nothing to write
  await sql.begin(async (tx) => {
    if (changed.length > 0) {
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
    await deleteGoneRows(tx, 'notes', roomName, rows, removed);
  });
  return current;
}

/** How one kind of room is projected: which rooms, their rows, and how the rows are written. */
interface Projection {
  handles(roomName: string): boolean;
  rows(roomName: string, doc: Y.Doc): object[] | null;
  write(roomName: string, rows: object[], previous?: Map<string, string>): Promise<Map<string, string>>;
}

const PROJECTIONS: Projection[] = [
  { handles: (name) => annotationRoom(name) !== null, rows: noteRows, write: writeNoteRows as Projection['write'] },
  { handles: (name) => parseRoomName(name)?.kind === 'board', rows: boardRows, write: writeBoardRows as Projection['write'] },
];

/** The rows `roomName` stands for now, and how to write them; null for rooms nothing is projected from. */
export function projectionFor(roomName: string, doc: Y.Doc) {
  const projection = PROJECTIONS.find((p) => p.handles(roomName));
  const rows = projection?.rows(roomName, doc);
  return projection && rows ? { rows, write: (previous?: Map<string, string>) => projection.write(roomName, rows, previous) } : null;
}

const projected = (roomName: string) => PROJECTIONS.some((p) => p.handles(roomName));

/** Keeps the `notes` and `board_posts` tables in step with the loaded rooms, a short debounce after each change. */
export class Projector {
  private written = new Map<string, Map<string, string>>();
  private timers = new Map<string, NodeJS.Timeout>();
  private running = new Map<string, Promise<void>>();

  constructor(private readonly log: Logger, private readonly delayMs = 100) {}

  /** Projects `roomName` from `doc` now and after every change. */
  track(roomName: string, doc: Y.Doc) {
    if (!projected(roomName)) return;
    doc.on('update', () => this.schedule(roomName, doc));
    this.schedule(roomName, doc, 0);
  }

  private schedule(roomName: string, doc: Y.Doc, delay = this.delayMs) {
    if (this.timers.has(roomName)) return;
    this.timers.set(
      roomName,
      setTimeout(() => {
        this.timers.delete(roomName);
        void this.project(roomName, doc);
      }, delay),
    );
  }

  private async project(roomName: string, doc: Y.Doc): Promise<void> {
    const previous = this.running.get(roomName);
    const run = (async () => {
      await previous;
      const projection = projectionFor(roomName, doc);
      if (!projection) return;
      try {
        this.written.set(roomName, await projection.write(this.written.get(roomName)));
      } catch (error) {
        this.written.delete(roomName); // write everything next time
        this.log.error({ room: roomName, err: error }, 'sync: projecting notes failed');
        this.schedule(roomName, doc, 1000);
      }
    })();
    this.running.set(roomName, run);
    await run;
    if (this.running.get(roomName) === run) this.running.delete(roomName);
  }

  /** Writes any pending projection of `roomName` now (before a room unloads). */
  async flush(roomName: string, doc: Y.Doc) {
    const timer = this.timers.get(roomName);
    if (timer) {
      clearTimeout(timer);
      this.timers.delete(roomName);
      await this.project(roomName, doc);
    }
    await this.running.get(roomName);
    this.written.delete(roomName);
  }
}
