/**
 * Annotations read from a file (annotation-formats.ts) as notes of one member on the current version of a
 * source: each placed by its quote (and position) as the reader would place it (exact, moved, fuzzy; a
 * candidate whose context disagrees is left for review; nothing found, an orphan, kept with its quote), with
 * an id derived from its original one so that importing the same file again adds nothing.
 */
import { createHash } from 'node:crypto';
import { reanchor } from '~/lib/anchoring/reanchor';
import { describePassage } from '~/lib/anchoring/selectors';
import { NOTE_LIMITS, type NoteEntry } from '~/lib/notes/model';
import type { ImportedAnnotation } from './annotation-formats';

export type ImportStatus = 'exact' | 'fuzzy' | 'review' | 'orphan' | 'page' | 'reply';

export interface ImportReportItem {
  status: ImportStatus | 'already imported' | 'reply to a missing note';
  author: string;
  /** The passage as the file quotes it (shortened), or the start of the note for a page note or reply. */
  excerpt: string;
}

export interface ImportReport {
  counts: Record<ImportReportItem['status'], number>;
  /** The first items, in the file's order (at most REPORT_ITEMS). */
  items: ImportReportItem[];
  /** Bodies or tags cut to Plenum's limits. */
  shortened: number;
}

export const REPORT_ITEMS = 200;

/** A UUID derived from the importer and the annotation's original id (or its content, if it has none). */
export function importedNoteId(importerId: string, a: ImportedAnnotation): string {
  const key = a.originalId ?? JSON.stringify([a.quote?.exact ?? null, a.body, a.author, a.createdAt]);
  const hex = createHash('sha256').update(`${importerId}\n${key}`).digest('hex');
  // Shaped as a version-8 (custom) UUID, like every other note id.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const excerptOf = (s: string) => (s.length > 120 ? `${s.slice(0, 119)}…` : s);

function placed(text: string, a: ImportedAnnotation): { selectors: NoteEntry['selectors']; status: ImportStatus } {
  if (!a.quote) return { selectors: null, status: 'page' };
  const exact = a.quote.exact.slice(0, 10_000);
  const position = a.position && a.position.end <= text.length ? a.position : { start: 0, end: 0 };
  const file = {
    position: { type: 'TextPositionSelector' as const, ...position },
    quote: { type: 'TextQuoteSelector' as const, exact, prefix: a.quote.prefix.slice(-100), suffix: a.quote.suffix.slice(0, 100) },
  };
  const anchor = reanchor(text, file);
  if (anchor.status === 'exact' || anchor.status === 'moved' || anchor.status === 'fuzzy') {
    return { selectors: describePassage(text, anchor.start, anchor.end), status: anchor.status === 'fuzzy' ? 'fuzzy' : 'exact' };
  }
  // Kept as the file has it: the reader finds the same candidate (review) or nothing (orphan), and shows it so.
  return { selectors: file, status: anchor.status };
}

function clippedTags(tags: string[]): { tags: string[]; cut: boolean } {
  const clean = [...new Set(tags.map((t) => t.trim().replace(/\s+/g, ' ')).filter(Boolean))];
  const kept = clean.slice(0, NOTE_LIMITS.tags).map((t) => t.slice(0, NOTE_LIMITS.tagLength));
  return { tags: kept, cut: clean.length > NOTE_LIMITS.tags || clean.some((t) => t.length > NOTE_LIMITS.tagLength) };
}

/**
 * The note entries to add to the importer's branch, and the report. `existing` is what the branch holds
 * (id → kind), so a note already there is not added again and a reply can answer one imported before.
 */
export function importedNotes(input: {
  annotations: ImportedAnnotation[];
  text: string;
  version: number;
  importerId: string;
  existing: Map<string, 'note' | 'reply'>;
  format: string;
  now: number;
}): { entries: NoteEntry[]; report: ImportReport } {
  const { annotations, text, version, importerId, existing, now } = input;
  const counts: ImportReport['counts'] = { exact: 0, fuzzy: 0, review: 0, orphan: 0, page: 0, reply: 0, 'already imported': 0, 'reply to a missing note': 0 };
  const items: ImportReportItem[] = [];
  const entries: NoteEntry[] = [];
  let shortened = 0;
  const report = (item: ImportReportItem) => {
    counts[item.status] += 1;
    if (items.length < REPORT_ITEMS) items.push(item);
  };
  // Each original id's note at the head of its thread (a reply to a reply answers that note).
  const threadHead = new Map<string, string>();
  const ids = annotations.map((a) => importedNoteId(importerId, a));
  annotations.forEach((a, i) => a.originalId && !a.replyTo && threadHead.set(a.originalId, ids[i]!));
  for (let changed = true, rounds = 0; changed && rounds < 50; rounds++) {
    changed = false;
    for (const a of annotations) {
      if (a.originalId && a.replyTo && !threadHead.has(a.originalId) && threadHead.has(a.replyTo)) {
        threadHead.set(a.originalId, threadHead.get(a.replyTo)!);
        changed = true;
      }
    }
  }

  const entry = (a: ImportedAnnotation, id: string, fields: Pick<NoteEntry, 'kind' | 'parentId' | 'parentAuthorId' | 'selectors'>): NoteEntry => {
    const { tags, cut } = clippedTags(a.tags);
    if (cut || a.body.length > NOTE_LIMITS.body) shortened += 1;
    return {
      id,
      ...fields,
      body: a.body.slice(0, NOTE_LIMITS.body),
      tags,
      documentVersion: version,
      createdAt: now,
      updatedAt: now,
      deleted: false,
      imported: { author: a.author.slice(0, 200), createdAt: a.createdAt, format: input.format },
    };
  };

  const adding = new Map<string, 'note' | 'reply'>();
  // Notes first, so that a reply earlier in the file still finds its note.
  for (const pass of ['notes', 'replies'] as const) {
    annotations.forEach((a, i) => {
      if ((pass === 'notes') !== !a.replyTo) return;
      const id = ids[i]!;
      const excerpt = excerptOf(a.quote?.exact ?? a.body);
      if (existing.has(id) || adding.has(id)) return report({ status: 'already imported', author: a.author, excerpt });
      if (pass === 'notes') {
        const { selectors, status } = placed(text, a);
        entries.push(entry(a, id, { kind: 'note', parentId: null, parentAuthorId: null, selectors }));
        adding.set(id, 'note');
        return report({ status, author: a.author, excerpt });
      }
      const parentId = threadHead.get(a.replyTo!) ?? null;
      if (!parentId || (existing.get(parentId) ?? adding.get(parentId)) !== 'note') return report({ status: 'reply to a missing note', author: a.author, excerpt });
      entries.push(entry(a, id, { kind: 'reply', parentId, parentAuthorId: importerId, selectors: null }));
      adding.set(id, 'reply');
      report({ status: 'reply', author: a.author, excerpt });
    });
  }
  return { entries, report: { counts, items, shortened } };
}
