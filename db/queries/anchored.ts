/**
 * Everything of a course anchored in one source, as projected from the rooms: notes (not replies: they
 * follow their note), evidence links' ends, timeline events. A new version's preview re-anchors them all.
 */
import { sql } from '../sql';

/** A passage as written: its version and W3C selectors (position and quote). */
export interface WrittenPassage {
  version: number;
  position: { type: 'TextPositionSelector'; start: number; end: number };
  quote: { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string };
}

export interface AnchoredItem {
  kind: 'note' | 'link' | 'event';
  authorId: string;
  id: string;
  /** 'class', 'private' or 'staff' for notes; 'class' or 'private' for links; 'class' for events. */
  visibility: string;
  passage: WrittenPassage;
}

export async function anchoredInSource(courseId: string, documentId: string): Promise<AnchoredItem[]> {
  const notes = sql<AnchoredItem[]>`
    SELECT 'note' AS kind, author_id AS "authorId", id, visibility,
      json_build_object('version', document_version, 'position', selectors->'position', 'quote', selectors->'quote') AS passage
    FROM notes
    WHERE course_id = ${courseId} AND document_id = ${documentId} AND kind = 'note' AND NOT deleted AND selectors IS NOT NULL
    ORDER BY created_at`;
  // A link with both ends in this source counts twice: each end re-anchors on its own.
  const links = sql<AnchoredItem[]>`
    SELECT 'link' AS kind, author_id AS "authorId", id, visibility,
      json_build_object('version', e->'version', 'position', e->'selector'->0, 'quote', e->'selector'->1) AS passage
    FROM evidence_links, jsonb_array_elements(ends) AS e
    WHERE course_id = ${courseId} AND NOT deleted AND (source_a = ${documentId} OR source_b = ${documentId}) AND e->>'source' = ${documentId}
    ORDER BY created_at`;
  const events = sql<AnchoredItem[]>`
    SELECT 'event' AS kind, author_id AS "authorId", id, 'class' AS visibility,
      json_build_object('version', target->0->'version', 'position', target->0->'selector'->0, 'quote', target->0->'selector'->1) AS passage
    FROM timeline_events
    WHERE course_id = ${courseId} AND source = ${documentId} AND NOT deleted
    ORDER BY created_at`;
  return (await Promise.all([notes, links, events])).flat();
}
