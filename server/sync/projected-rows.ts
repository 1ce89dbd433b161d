/**
 * What the projections (notes, board) share: which of a room's rows changed since they were last
 * written, and removing the rows that are gone. Rows are keyed by "<author>:<id>" within a room.
 */
import type { Transaction } from '../../db/sql';

type Keyed = { author_id: string; id: string };

export const rowKey = (row: Keyed) => `${row.author_id}:${row.id}`;

/**
 * The rows that differ from `previous` (what was last written: key → serialised row), the keys that
 * are gone (null without `previous`: then everything not in `rows` goes), and what is now written.
 */
export function diffRows<R extends Keyed>(rows: R[], previous?: Map<string, string>) {
  const current = new Map(rows.map((r) => [rowKey(r), serialised(r)]));
  const changed = rows.filter((r) => previous?.get(rowKey(r)) !== current.get(rowKey(r)));
  const removed = previous ? [...previous.keys()].filter((k) => !current.has(k)) : null;
  return { current, changed, removed };
}

// A row object handed back unchanged (projection.ts keeps them per note) is serialised once.
const serialisedRows = new WeakMap<object, string>();
function serialised(row: object): string {
  let json = serialisedRows.get(row);
  if (json === undefined) serialisedRows.set(row, (json = JSON.stringify(row)));
  return json;
}

export async function deleteGoneRows(tx: Transaction, table: 'notes' | 'board_posts', roomName: string, rows: Keyed[], removed: string[] | null) {
  if (removed === null) {
    await tx`DELETE FROM ${tx(table)} WHERE room = ${roomName} AND NOT (author_id::text || ':' || id = ANY(${tx.array(rows.map(rowKey))}))`;
  } else if (removed.length > 0) {
    await tx`DELETE FROM ${tx(table)} WHERE room = ${roomName} AND author_id::text || ':' || id = ANY(${tx.array(removed)})`;
  }
}
