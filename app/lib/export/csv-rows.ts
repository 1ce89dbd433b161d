/**
 * An export as CSV for spreadsheets and gradebooks: one row per note, reply, link, matrix entry, timeline
 * event and board post, every cell a member
 * typed defused against formulas (app/lib/csv.ts). Written a page of rows at a time.
 */
import { stringify } from 'csv-stringify/sync';
import { textCell } from '~/lib/csv';
import { formatEventDate } from '~/lib/compare/event-dates';
import type { ExportedEvent, ExportedLink, ExportedMatrixEntry, ExportedNote, ExportedPost } from '../../../db/queries/export';

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

export function csvMatrix(entries: readonly ExportedMatrixEntry[]): string {
  return stringify(
    entries.map((e) => [
      `${e.authorId}:${e.id}`,
      e.createdAt.toISOString(),
      'matrix entry',
      textCell(e.a.title),
      e.a.block,
      textCell(e.a.quote),
      textCell(e.authorName),
      visibilityOf({ visibility: 'class', hidden: e.hidden }),
      '',
      textCell(`${e.rowTitle} / ${e.caseTitle}: ${e.claim}`),
      '',
      textCell(e.b?.title ?? ''),
      e.b?.block ?? '',
      textCell(e.b?.quote ?? ''),
    ]),
  );
}

export function csvEvents(events: readonly ExportedEvent[]): string {
  return stringify(
    events.map((t) => [
      `${t.authorId}:${t.id}`,
      t.createdAt.toISOString(),
      'timeline event',
      textCell(t.title),
      t.block,
      textCell(t.quote),
      textCell(t.authorName),
      visibilityOf({ visibility: 'class', hidden: t.hidden }),
      '',
      textCell(`${formatEventDate(t.when)}: ${t.label}${t.lane ? ` (${t.lane})` : ' (context)'}`),
      '',
      '',
      '',
      '',
    ]),
  );
}

export function csvPosts(posts: readonly ExportedPost[]): string {
  return stringify(
    posts.map((p) => [
      `${p.authorId}:${p.id}`,
      p.createdAt.toISOString(),
      p.kind === 'thread' ? 'board thread' : 'board reply',
      '',
      '',
      '',
      textCell(p.authorName),
      visibilityOf({ visibility: 'class', hidden: p.hidden }),
      '',
      textCell(p.kind === 'thread' ? `${p.title}\n\n${p.body}` : p.body),
      p.parent ?? '',
      '',
      '',
      '',
    ]),
  );
}
