import type { NoteForFirstPaint } from '../../../db/queries/notes';
import { anchorOf } from '~/lib/anchoring/reanchor';
import { VISIBILITY_CODES, type FirstPaint, type PreviewNote } from './first-paint';

/** How many notes nearest the opening position get their full card text. */
const CARDS = 100;

/**
 * The first paint of a reader (app/lib/notes/first-paint.ts) from the projected notes, for the text of
 * `documentVersion`. Only passages still exactly where they were written are painted early; others
 * (an older version's, to be re-anchored) wait for the room. Hidden notes carry no text for students
 * other than their author, and the reason only for their author and the instructors.
 */
export function buildFirstPaint(rows: NoteForFirstPaint[], input: { text: string; documentVersion: number; isInstructor: boolean; near: number; viewerId?: string }): string {
  const authors: string[] = [];
  const authorIndex = new Map<string, number>();
  const placed: { row: NoteForFirstPaint; start: number; end: number }[] = [];
  for (const row of rows) {
    if (!row.passage) {
      placed.push({ row, start: -1, end: -1 });
      continue;
    }
    const anchor = anchorOf(input.text, input.documentVersion, { documentVersion: row.documentVersion, ...row.passage });
    if (anchor) placed.push({ row, start: anchor.start, end: anchor.end });
  }
  // Full text for page-level notes and for the anchored notes nearest where the reader opens.
  const withCards = new Set(
    placed
      .filter((p) => p.start >= 0)
      .sort((a, b) => Math.abs(a.start - input.near) - Math.abs(b.start - input.near))
      .slice(0, CARDS)
      .map((p) => p.row),
  );
  const notes: PreviewNote[] = placed.map(({ row, start, end }) => {
    let author = authorIndex.get(row.authorId);
    if (author === undefined) authorIndex.set(row.authorId, (author = authors.push(row.authorId) - 1));
    const own = row.authorId === input.viewerId;
    const secret = row.deleted || (row.hidden && !input.isInstructor && !own);
    const card = start < 0 || withCards.has(row)
      ? ([secret ? '' : row.body, secret ? [] : row.tags, row.updatedAt.getTime(), row.deleted, row.hidden, input.isInstructor || own ? row.hiddenReason ?? '' : ''] as PreviewNote[7])
      : null;
    return [author, row.id, VISIBILITY_CODES[row.visibility], start, end, row.createdAt.getTime(), row.replies, card];
  });
  const paint: FirstPaint = { authors, notes };
  return JSON.stringify(paint);
}
