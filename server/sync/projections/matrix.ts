/**
 * Projects the comparison matrix of a course's compare room into `matrix_rows` and `matrix_entries`,
 * which the matrix's export, assignments and the dashboard read. The sync server checked the shapes
 * and the rows' lock; here what only the database knows: an entry's column is a case of the course
 * and its passages are on the course's sources (passages.ts). An entry that fails is logged and is
 * not a row (docs/compare.md).
 */
import type * as Y from 'yjs';
import { readMatrixEntries, readMatrixRows } from '~/lib/compare/matrix';
import { readModFlags } from '~/lib/notes/model';
import { isUuid } from '~/lib/rooms/ids';
import { entryKey } from '~/lib/rooms/kinds';
import type { ParsedRoom } from '~/lib/rooms/names';
import { logger } from '../../logger';
import { blocksOfEnds } from './passages';
import type { Projection } from './projection';

type Tx = Parameters<Projection['upsert']>[0];

export interface MatrixRowRow {
  room: string;
  author_id: string;
  id: string;
  course_id: string;
  title: string;
  prompt: string;
  position: number;
  locked: boolean;
  deleted: boolean;
  created_at: Date;
  updated_at: Date;
}

export const matrixRowsProjection: Projection<MatrixRowRow> = {
  table: 'matrix_rows',
  rows: (roomName, room, doc) =>
    readMatrixRows(doc).map((r) => ({
      room: roomName,
      author_id: r.by,
      id: r.id,
      course_id: room.courseId,
      title: r.title,
      prompt: r.prompt,
      position: r.position,
      locked: r.locked,
      deleted: r.deleted,
      created_at: new Date(r.created),
      updated_at: new Date(r.modified),
    })),
  async upsert(tx, _roomName, changed) {
    await tx`
      INSERT INTO matrix_rows ${tx(changed as never)}
      ON CONFLICT (room, author_id, id) DO UPDATE SET
        title = EXCLUDED.title, prompt = EXCLUDED.prompt, position = EXCLUDED.position, locked = EXCLUDED.locked,
        deleted = EXCLUDED.deleted, updated_at = EXCLUDED.updated_at`;
  },
};

export interface MatrixEntryRow {
  room: string;
  author_id: string;
  id: string;
  course_id: string;
  row_id: string;
  case_id: string;
  claim: string;
  kind: 'passage' | 'note' | 'link';
  ref_author_id: string | null;
  ref_id: string | null;
  evidence: unknown;
  source_a: string;
  block_a: number;
  quote_a: string;
  source_b: string | null;
  block_b: number | null;
  quote_b: string | null;
  created_at: Date;
  updated_at: Date;
  hidden: boolean;
  hidden_reason: string | null;
  deleted: boolean;
}

/** The entries a compare room stands for, before the database places their passages (¶ 0 until then). */
function entryRows(roomName: string, room: ParsedRoom, doc: Y.Doc): MatrixEntryRow[] {
  const flags = readModFlags(doc);
  return readMatrixEntries(doc)
    .filter((e) => isUuid(e.authorId))
    .map((e) => {
      const flag = flags.get(entryKey(e.authorId, e.id));
      const [a, b] = e.evidence.target;
      const ref = e.evidence.kind === 'passage' ? null : e.evidence;
      return {
        room: roomName,
        author_id: e.authorId,
        id: e.id,
        course_id: room.courseId,
        row_id: e.row,
        case_id: e.case,
        claim: e.claim,
        kind: e.evidence.kind,
        ref_author_id: ref?.authorId ?? null,
        ref_id: ref?.id ?? null,
        evidence: e.evidence,
        source_a: a.source,
        block_a: 0,
        quote_a: a.selector[1].exact,
        source_b: b?.source ?? null,
        block_b: b ? 0 : null,
        quote_b: b?.selector[1].exact ?? null,
        created_at: new Date(e.created),
        updated_at: new Date(e.modified),
        hidden: flag?.hidden ?? false,
        hidden_reason: flag?.hidden ? flag.reason : null,
        deleted: e.deleted,
      };
    });
}

async function upsertEntries(tx: Tx, roomName: string, changed: MatrixEntryRow[]) {
  const courseId = changed[0]!.course_id;
  const cases = new Set((await tx<{ id: string }[]>`SELECT id FROM course_cases WHERE course_id = ${courseId}`).map((c) => c.id));
  const ends = changed.map((r) => (r.evidence as { target: Parameters<typeof blocksOfEnds>[2] }).target);
  const blocks = await blocksOfEnds(tx, courseId, ends.flat());
  let next = 0;
  const placed = changed.map((row, i) => {
    const [a, b] = ends[i]!.map(() => blocks[next++]);
    if (!cases.has(row.case_id)) return { row, refusal: 'its column is not a case of the course' };
    if (a === undefined || (ends[i]!.length === 2 && b === undefined)) return { row, refusal: 'a passage it cites is not on a ¶ of a source of the course' };
    return { row: { ...row, block_a: a, block_b: b ?? null }, refusal: null };
  });
  const refused = placed.filter((p) => p.refusal !== null);
  for (const { row, refusal } of refused) logger.warn({ room: roomName, author: row.author_id, entry: row.id, refusal }, 'matrix entry not projected');
  if (refused.length > 0) {
    await tx`DELETE FROM matrix_entries WHERE room = ${roomName} AND author_id::text || ':' || id = ANY(${tx.array(refused.map((p) => `${p.row.author_id}:${p.row.id}`))})`;
  }
  const rows = placed.filter((p) => p.refusal === null).map((p) => ({ ...p.row, evidence: tx.json(p.row.evidence as never) }));
  if (rows.length === 0) return;
  await tx`
    INSERT INTO matrix_entries ${tx(rows as never)}
    ON CONFLICT (room, author_id, id) DO UPDATE SET
      claim = EXCLUDED.claim, evidence = EXCLUDED.evidence, source_a = EXCLUDED.source_a, block_a = EXCLUDED.block_a,
      quote_a = EXCLUDED.quote_a, source_b = EXCLUDED.source_b, block_b = EXCLUDED.block_b, quote_b = EXCLUDED.quote_b,
      updated_at = EXCLUDED.updated_at, hidden = EXCLUDED.hidden, hidden_reason = EXCLUDED.hidden_reason, deleted = EXCLUDED.deleted`;
}

export const matrixEntriesProjection: Projection<MatrixEntryRow> = { table: 'matrix_entries', rows: entryRows, upsert: upsertEntries };
