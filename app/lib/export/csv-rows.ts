/**
 * An export as CSV for spreadsheets and gradebooks: one row per note, reply, link, matrix entry, timeline
 * event and board post, every cell a member typed defused against formulas (app/lib/csv.ts). Written a page
 * of rows at a time.
 */
import { stringify } from 'csv-stringify/sync';
import { formatEventDate } from '~/lib/compare/event-dates';
import { textCell } from '~/lib/csv';
import type { ExportedEvent, ExportedLink, ExportedMatrixEntry, ExportedNote, ExportedPost } from '../../../db/queries/export';

export const CSV_HEADER = ['id', 'created', 'kind', 'source', '¶', 'quote', 'author', 'visibility', 'tags', 'body', 'parent', 'linked source', 'linked ¶', 'linked quote'] as const;

type Row = Partial<Record<(typeof CSV_HEADER)[number], string | number | null>>;
/** Columns members type into (or that carry their words) go through textCell; the rest are ours. */
const TYPED = new Set(['source', 'quote', 'author', 'tags', 'body', 'linked source', 'linked quote']);

const cells = (row: Row) => CSV_HEADER.map((column) => (row[column] == null ? '' : TYPED.has(column) ? textCell(String(row[column])) : row[column]!));
const rows = (list: readonly Row[]) => stringify(list.map(cells));

const visibilityOf = (v: { visibility?: string; hidden: boolean }) => `${v.visibility ?? 'class'}${v.hidden ? ' (hidden)' : ''}`;
const common = (item: { authorId: string; id: string; createdAt: Date; authorName: string; hidden: boolean; visibility?: string }, kind: string): Row => ({
  id: `${item.authorId}:${item.id}`,
  created: item.createdAt.toISOString(),
  kind,
  author: item.authorName,
  visibility: visibilityOf(item),
});

type End = { title: string; block: number; quote: string };
/** A passage cited, and the one it is linked to (a link's other end, a matrix entry's second passage). */
const ends = (a: End, b: End | null): Row => ({ source: a.title, '¶': a.block, quote: a.quote, 'linked source': b?.title, 'linked ¶': b?.block, 'linked quote': b?.quote });

export const csvHeader = () => stringify([[...CSV_HEADER]]);

export const csvNotes = (notes: readonly ExportedNote[]) =>
  rows(notes.map((n) => ({ ...common(n, n.kind), source: n.title, '¶': n.block, quote: n.quote, tags: n.tags.join(' '), body: n.body, parent: n.parent })));

export const csvLinks = (links: readonly ExportedLink[]) =>
  rows(links.map((l) => ({ ...common(l, 'link'), ...ends(l.a, l.b), body: l.comment ? `${l.relation}: ${l.comment}` : l.relation })));

export const csvMatrix = (entries: readonly ExportedMatrixEntry[]) =>
  rows(entries.map((e) => ({ ...common(e, 'matrix entry'), ...ends(e.a, e.b), body: `${e.rowTitle} / ${e.caseTitle}: ${e.claim}` })));

export const csvEvents = (events: readonly ExportedEvent[]) =>
  rows(events.map((t) => ({ ...common(t, 'timeline event'), source: t.title, '¶': t.block, quote: t.quote, body: `${formatEventDate(t.when)}: ${t.label} (${t.lane ?? 'context'})` })));

export const csvPosts = (posts: readonly ExportedPost[]) =>
  rows(posts.map((p) => ({ ...common(p, p.kind === 'thread' ? 'board thread' : 'board reply'), body: p.kind === 'thread' ? `${p.title}\n\n${p.body}` : p.body, parent: p.parent })));

/** The CSV format: a header, then rows. */
export const csvWriter = { start: csvHeader, notes: csvNotes, links: csvLinks, matrix: csvMatrix, events: csvEvents, posts: csvPosts, end: () => '' };
