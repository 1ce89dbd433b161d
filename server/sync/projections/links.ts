/**
 * Projects the evidence links of a course's compare rooms (`compare:`, and each member's own
 * `mylinks:`) into `evidence_links`, which assignments, the dashboard, search and exports read. The
 * sync server checked each link's shape; what only the database knows is checked here: both ends on
 * sources of the course, at a version it has, within the text and inside a numbered ¶, and a relation
 * from the course's list. A link that fails is logged and is not a row (docs/compare.md).
 */
import type * as Y from 'yjs';
import { commentOf, readLinks, relationOf, type Link } from '~/lib/compare/links';
import { readModFlags } from '~/lib/notes/model';
import { isUuid } from '~/lib/rooms/ids';
import { entryKey } from '~/lib/rooms/kinds';
import type { ParsedRoom } from '~/lib/rooms/names';
import { announceAccessChange } from '../../../db/queries/access-changes';
import { logger } from '../../logger';
import { blocksOfEnds } from './passages';
import type { Projection } from './projection';

export interface LinkRow {
  room: string;
  author_id: string;
  id: string;
  course_id: string;
  visibility: 'class' | 'private';
  relation: string;
  comment: string;
  ends: Link['target'];
  source_a: string;
  block_a: number;
  quote_a: string;
  source_b: string;
  block_b: number;
  quote_b: string;
  created_at: Date;
  updated_at: Date;
  hidden: boolean;
  hidden_reason: string | null;
  deleted: boolean;
}

/** The rows a compare room stands for, before the database checks their ends (¶ numbers not yet known: 0). */
export function linkRows(roomName: string, room: ParsedRoom, doc: Y.Doc): LinkRow[] {
  const flags = readModFlags(doc);
  const visibility = room.kind === 'mylinks' ? 'private' : 'class';
  return readLinks(doc)
    .filter((l) => isUuid(l.authorId) && (room.kind !== 'mylinks' || l.authorId === room.userId))
    .map((l) => {
      const flag = flags.get(entryKey(l.authorId, l.id));
      const [a, b] = l.target;
      return {
        room: roomName,
        author_id: l.authorId,
        id: l.id,
        course_id: room.courseId,
        visibility,
        relation: relationOf(l),
        comment: commentOf(l),
        ends: l.target,
        source_a: a.source,
        block_a: 0,
        quote_a: a.selector[1].exact,
        source_b: b.source,
        block_b: 0,
        quote_b: b.selector[1].exact,
        created_at: new Date(l.created),
        updated_at: new Date(l.modified),
        hidden: flag?.hidden ?? false,
        hidden_reason: flag?.hidden ? flag.reason : null,
        deleted: l.deleted,
      };
    });
}

type Tx = Parameters<Projection['upsert']>[0];

/**
 * Each row with its ends' ¶ numbers, or why the course cannot hold it: a source not in the course, a
 * version it does not have, offsets outside the text or outside every ¶, a relation not in its list.
 */
async function placeEnds(tx: Tx, courseId: string, rows: LinkRow[]): Promise<{ row: LinkRow; refusal: string | null }[]> {
  const [course] = await tx<{ link_relations: string[] }[]>`SELECT link_relations FROM courses WHERE id = ${courseId}`;
  const blocks = await blocksOfEnds(tx, courseId, rows.flatMap((r) => r.ends));
  return rows.map((row, i) => {
    const [a, b] = [blocks[2 * i], blocks[2 * i + 1]];
    if (a === undefined || b === undefined) return { row, refusal: `an end is not on a ¶ of a source of the course (${a === undefined ? 'first' : 'second'} end)` };
    if (!course?.link_relations.includes(row.relation)) return { row, refusal: `"${row.relation}" is not one of the course's relations` };
    return { row: { ...row, block_a: a, block_b: b }, refusal: null };
  });
}

async function upsertLinks(tx: Tx, roomName: string, changed: LinkRow[]) {
  const checked = await placeEnds(tx, changed[0]!.course_id, changed);
  const refused = checked.filter((c) => c.refusal !== null);
  for (const { row, refusal } of refused) logger.warn({ room: roomName, author: row.author_id, link: row.id, refusal }, 'evidence link not projected');
  // A link that no longer holds (its source left the course) is no row any more.
  if (refused.length > 0) {
    await tx`DELETE FROM evidence_links WHERE room = ${roomName} AND author_id::text || ':' || id = ANY(${tx.array(refused.map((c) => `${c.row.author_id}:${c.row.id}`))})`;
  }
  const rows = checked.filter((c) => c.refusal === null).map((c) => c.row);
  if (rows.length === 0) return;
  await tx`
    INSERT INTO evidence_links ${tx(rows.map((r) => ({ ...r, ends: tx.json(r.ends) })) as never)}
    ON CONFLICT (room, author_id, id) DO UPDATE SET
      course_id = EXCLUDED.course_id, visibility = EXCLUDED.visibility, relation = EXCLUDED.relation, comment = EXCLUDED.comment,
      ends = EXCLUDED.ends, source_a = EXCLUDED.source_a, block_a = EXCLUDED.block_a, quote_a = EXCLUDED.quote_a,
      source_b = EXCLUDED.source_b, block_b = EXCLUDED.block_b, quote_b = EXCLUDED.quote_b,
      created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
      hidden = EXCLUDED.hidden, hidden_reason = EXCLUDED.hidden_reason, deleted = EXCLUDED.deleted`;
  // A link may open (or, deleted or hidden, close) its author's peer gate: their sockets are checked again
  // once this commits (access-recheck.ts), in courses that have a gate at all.
  const [gated] = await tx<{ any: boolean }[]>`SELECT EXISTS (SELECT 1 FROM assignments WHERE course_id = ${rows[0]!.course_id} AND peer_gate AND published_at IS NOT NULL) AS any`;
  if (gated?.any) for (const author of new Set(rows.map((r) => r.author_id))) await announceAccessChange(tx, author);
}

export const linksProjection: Projection<LinkRow> = { table: 'evidence_links', rows: linkRows, upsert: upsertLinks };
