/**
 * What every projection shares: a room kind's projection turns the room's document into rows of one
 * table (server/sync/room-kinds.ts says which kind has which), and this writes only the rows that
 * changed since they were last written, removing those that are gone. Rows are keyed by
 * "<author>:<id>" within a room.
 */
import type * as Y from 'yjs';
import type { ParsedRoom } from '~/lib/rooms/names';
import { sql, type Transaction } from '../../../db/sql';

type Keyed = { author_id: string; id: string };

export interface Projection<Row extends Keyed = Keyed> {
  /** The table its rows go to: every row carries its room's name (`room`), its author and its id. */
  table: string;
  /** The rows a room's document stands for now. */
  rows(roomName: string, room: ParsedRoom, doc: Y.Doc): Row[];
  /** Upserts `changed` inside `tx` and tells members what concerns them; `all` is every row of the room. */
  upsert(tx: Transaction, roomName: string, changed: Row[], all: Row[]): Promise<void>;
}

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

// A row object handed back unchanged (the notes projection keeps them per note) is serialised once.
const serialisedRows = new WeakMap<object, string>();
function serialised(row: object): string {
  let json = serialisedRows.get(row);
  if (json === undefined) serialisedRows.set(row, (json = JSON.stringify(row)));
  return json;
}

/** Rows per upsert statement: well under 65,535 parameters for any projection's columns. */
const UPSERT_SLICE = 1000;

/**
 * Writes the rows of `roomName` that differ from `previous` and deletes those that are gone; with no
 * `previous`, replaces the room's rows. Nothing changed: nothing is written. Returns what is now
 * written, for the next call.
 */
export async function writeProjection<Row extends Keyed>(projection: Projection<Row>, roomName: string, rows: Row[], previous?: Map<string, string>): Promise<Map<string, string>> {
  const { current, changed, removed } = diffRows(rows, previous);
  if (changed.length === 0 && removed?.length === 0) return current;
  await sql.begin(async (tx) => {
    // In slices: one statement takes at most 65,535 parameters, and a room may hold thousands of entries
    // (an import of 10,000 notes failed as one upsert).
    for (let i = 0; i < changed.length; i += UPSERT_SLICE) await projection.upsert(tx, roomName, changed.slice(i, i + UPSERT_SLICE), rows);
    if (removed === null) {
      await tx`DELETE FROM ${tx(projection.table)} WHERE room = ${roomName} AND NOT (author_id::text || ':' || id = ANY(${tx.array(rows.map(rowKey))}))`;
    } else if (removed.length > 0) {
      await tx`DELETE FROM ${tx(projection.table)} WHERE room = ${roomName} AND author_id::text || ':' || id = ANY(${tx.array(removed)})`;
    }
  });
  return current;
}
