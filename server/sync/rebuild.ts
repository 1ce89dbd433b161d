/** Recreates every projected table (notes, board posts, …) from the stored rooms: `npm run rebuild`. */
import * as Y from 'yjs';
import { sql } from '../../db/sql';
import { readRoom } from './persistence';
import { writeProjection } from './projections/projection';
import { kindOf, ROOM_TABLE, type RoomTable } from './room-kinds';

/** Returns how many rooms were projected and how many rows they wrote. */
export async function rebuildProjections(rooms: RoomTable = ROOM_TABLE): Promise<{ rooms: number; rows: number }> {
  const names = await sql<{ name: string }[]>`SELECT name FROM sync_rooms ORDER BY name`;
  let [projected, rows] = [0, 0];
  for (const { name } of names) {
    const written = await projectStoredRoom(name, rooms);
    if (written === null) continue;
    rows += written;
    projected += 1;
  }
  const tables = new Set(Object.values(rooms).flatMap((k) => k.projections.map((p) => p.table)));
  for (const table of tables) await sql`DELETE FROM ${sql(table)} WHERE room NOT IN (SELECT name FROM sync_rooms)`;
  return { rooms: projected, rows };
}

/**
 * Projects one room from what storage holds (a write made outside the sync server, such as an import, is
 * in the projections at once even if no instance has the room loaded). Returns the rows written, or null
 * for a room of a kind that is not projected.
 */
export async function projectStoredRoom(name: string, rooms: RoomTable = ROOM_TABLE): Promise<number | null> {
  const found = kindOf(name, rooms);
  if (!found || found.kind.projections.length === 0) return null;
  const doc = new Y.Doc();
  for (const chunk of (await readRoom(name)).chunks) Y.applyUpdate(doc, chunk.data);
  let rows = 0;
  for (const projection of found.kind.projections) {
    const roomRows = projection.rows(name, found.room, doc);
    await writeProjection(projection, name, roomRows);
    rows += roomRows.length;
  }
  doc.destroy();
  return rows;
}
