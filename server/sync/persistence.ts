/**
 * Rooms in PostgreSQL: a snapshot plus a log of updates, numbered per room (db/migrations/002_sync.sql).
 * Storage sits behind four functions, so the room logic does not know SQL.
 */
import * as Y from 'yjs';
import { sql, type Sql, type Transaction } from '../../db/sql';

export interface StoredChunk {
  /** The sequence number this chunk brings the room up to. */
  seq: number;
  data: Uint8Array;
  /** Who sent it; null for a snapshot. */
  userId: string | null;
}

export interface StoredRoom {
  /** The snapshot (if any and newer than `after`) followed by the updates after it, in order. */
  chunks: StoredChunk[];
  /** Owners of Yjs client ids recorded at compaction (later ones are read from the updates). */
  owners: Map<number, string>;
}

const TEXT = 25;
const BYTEA = 17;
const UUID = 2950;

/**
 * Reads what a room holds after sequence number `after` (0: everything), in one statement so a
 * concurrent compaction cannot slip between snapshot and log.
 */
export async function readRoom(room: string, after = 0): Promise<StoredRoom> {
  const rows = await sql<{ kind: number; seq: string; data: Buffer; user_id: string | null }[]>`
    SELECT 0 AS kind, snapshot_seq AS seq, snapshot AS data, NULL::uuid AS user_id
      FROM sync_rooms WHERE name = ${room} AND snapshot IS NOT NULL AND snapshot_seq > ${after}
    UNION ALL
    -- (rows up to snapshot_seq are deleted by the compaction that wrote the snapshot)
    SELECT 1, seq, update, user_id FROM yjs_updates WHERE room = ${room} AND seq > ${after}
    ORDER BY kind, seq`;
  const owners = new Map<number, string>();
  if (after === 0 || rows.some((r) => r.kind === 0)) {
    const stored = await sql<{ client_id: string; user_id: string }[]>`
      SELECT client_id, user_id FROM sync_client_owners WHERE room = ${room}`;
    for (const o of stored) owners.set(Number(o.client_id), o.user_id);
  }
  return {
    chunks: rows.map((r) => ({ seq: Number(r.seq), data: new Uint8Array(r.data), userId: r.user_id })),
    owners,
  };
}

/** The Yjs client ids that write new structs in `update` (for ownership records). */
export function writingClients(update: Uint8Array): number[] {
  return [...Y.parseUpdateMeta(update).to.keys()];
}

export interface AppendRequest {
  room: string;
  update: Uint8Array;
  userId: string;
}

export interface AppendResult {
  /** Each request's sequence number, in order. */
  seqs: number[];
  /** How many `plenum_sync` notifications the append sent (one per room another instance holds). */
  notifies: number;
}

/**
 * Appends updates of any rooms in one statement. `instance` is the writing instance: a room held by no
 * other instance is not announced (db/migrations/025_room_owners.sql). `db` is a transaction's when the
 * append must commit with other work (an import).
 */
export async function appendUpdates(batch: AppendRequest[], db: Sql | Transaction = sql, instance: string | null = null): Promise<AppendResult> {
  const rows = await db<{ ordinal: number; seq: string; notified: boolean }[]>`
    SELECT ordinal::int AS ordinal, seq, notified FROM sync_append(
      ${db.array(batch.map((b) => b.room), TEXT)},
      ${db.array(batch.map((b) => Buffer.from(b.update.buffer, b.update.byteOffset, b.update.byteLength)), BYTEA)},
      ${db.array(batch.map((b) => b.userId), UUID)},
      ${instance}::uuid)`;
  const seqs = new Array<number>(batch.length);
  const announced = new Set<string>();
  for (const r of rows) {
    seqs[r.ordinal - 1] = Number(r.seq);
    if (r.notified) announced.add(batch[r.ordinal - 1]!.room);
  }
  return { seqs, notifies: announced.size };
}

/**
 * Replaces the room's snapshot with `snapshot`, which covers every update up to `throughSeq`, and
 * deletes those updates, in one short transaction. Records the client-id owners (the updates that
 * showed them are going). A snapshot older than the stored one is ignored.
 */
export async function writeSnapshot(input: { room: string; snapshot: Uint8Array; throughSeq: number; owners: Map<number, string> }): Promise<boolean> {
  const { room, throughSeq } = input;
  return sql.begin(async (tx) => {
    const updated = await tx`
      UPDATE sync_rooms SET snapshot = ${Buffer.from(input.snapshot)}, snapshot_seq = ${throughSeq}, compacted_at = now()
      WHERE name = ${room} AND snapshot_seq < ${throughSeq}`;
    if (updated.count === 0) return false;
    if (input.owners.size > 0) {
      const entries = [...input.owners].map(([client, user]) => ({ room, client_id: client, user_id: user }));
      await tx`INSERT INTO sync_client_owners ${tx(entries)} ON CONFLICT DO NOTHING`;
    }
    await tx`DELETE FROM yjs_updates WHERE room = ${room} AND seq <= ${throughSeq}`;
    return true;
  });
}
