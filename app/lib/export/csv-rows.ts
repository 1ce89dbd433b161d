/**
 * An export as CSV for spreadsheets and gradebooks: one row per note, reply and link, every cell a member
 * typed defused against formulas (app/lib/csv.ts). Written a page of rows at a time.
 */
import { stringify } from 'csv-stringify/sync';
import { textCell } from '~/lib/csv';
import type { ExportedLink, ExportedNote } from '../../../db/queries/export';

export const CSV_HEADER = ['id', 'created', 'kind', 'source', '¶', 'quote', 'author', 'visibility', 'tags', 'body', 'parent', 'linked source', 'linked ¶', 'linked quote'];

const visibilityOf = (v: { visibility: string; hidden: boolean }) => (v.hidden ? `${v.visibility} (hidden)` : v.visibility);

export const csvHeader = () => stringify([CSV_HEADER]);

export function csvNotes(notes: readonly ExportedNote[]): string {
  return stringify(
    notes.map((n) => [
      `${n.authorId}:${n.id}`,
      n.createdAt.toISOString(),
      n.kind,
      textCell(n.title),
      n.block ?? '',
      textCell(n.quote ?? ''),
      textCell(n.authorName),
      visibilityOf(n),
      textCell(n.tags.join(' ')),
      textCell(n.body),
      n.parent ?? '',
      '',
      '',
      '',
    ]),
  );
}

export function csvLinks(links: readonly ExportedLink[]): string {
  return stringify(
    links.map((l) => [
      `${l.authorId}:${l.id}`,
      l.createdAt.toISOString(),
      'link',
      textCell(l.a.title),
      l.a.block,
      textCell(l.a.quote),
      textCell(l.authorName),
      visibilityOf(l),
      '',
      textCell(l.comment ? `${l.relation}: ${l.comment}` : l.relation),
      '',
      textCell(l.b.title),
      l.b.block,
      textCell(l.b.quote),
    ]),
  );
}
