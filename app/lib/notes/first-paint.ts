/**
 * The reader's first paint, from the server: the notes a member can see, as the server's projection
 * of the rooms holds them (db/queries/notes.ts), sent with the page so highlights and the margin are on
 * screen as soon as the page is, without waiting for the rooms to arrive over the WebSocket. It is a
 * preview: once a room has arrived (or the browser's own copy of it is read) its notes replace it.
 *
 * Compact, because it rides in the HTML: authors once, each note as a tuple; full card text only for
 * the notes nearest where the reader opens (the margin renders only those near the viewport).
 */
import type { NoteView } from './views';
import { VISIBILITIES, type Visibility } from './visibility';

export type PreviewCard = [body: string, tags: string[], updatedAt: number, deleted: boolean, hidden: boolean, hiddenReason: string];
/** A visibility as one letter: its first. */
type VisibilityCode = Visibility extends `${infer First}${string}` ? First : never;
export type PreviewNote = [author: number, id: string, visibility: VisibilityCode, start: number, end: number, createdAt: number, replies: number, card: PreviewCard | null];
export interface FirstPaint {
  authors: string[];
  notes: PreviewNote[];
}

export const VISIBILITY_CODES = Object.fromEntries(VISIBILITIES.map((v) => [v, v[0]])) as Record<Visibility, VisibilityCode>;
const VISIBILITY_OF = Object.fromEntries(VISIBILITIES.map((v) => [v[0], v])) as Record<VisibilityCode, Visibility>;

/** The margin's views of a first paint, by visibility (the first paint is `JSON.stringify`d FirstPaint). */
export function previewViews(json: string, names: Record<string, string>, documentVersion: number, instructorIds: readonly string[] = []): Map<Visibility, NoteView[]> {
  const paint = JSON.parse(json) as FirstPaint;
  const views = new Map<Visibility, NoteView[]>(VISIBILITIES.map((v) => [v, []]));
  for (const [author, id, code, start, end, createdAt, replies, card] of paint.notes) {
    const authorId = paint.authors[author]!;
    const [body, tags, updatedAt, deleted, hidden, reason] = card ?? ['', [], createdAt, false, false, ''];
    views.get(VISIBILITY_OF[code])!.push({
      key: `${authorId}:${id}`,
      note: {
        authorId, id, kind: 'note', parentId: null, parentAuthorId: null, body, tags, selectors: null, documentVersion,
        createdAt, updatedAt, deleted,
      },
      visibility: VISIBILITY_OF[code],
      authorName: names[authorId] ?? 'Former member',
      byInstructor: instructorIds.includes(authorId),
      flag: hidden ? { hidden: true, reason, by: '', at: 0 } : null,
      anchor: start >= 0 ? { start, end, status: 'exact' } : null,
      replies: [],
      preview: { replies, loaded: card !== null },
    });
  }
  return views;
}
