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
    const found = kindOf(name, rooms);
    if (!found || found.kind.projections.length === 0) continue;
    const doc = new Y.Doc();
    for (const chunk of (await readRoom(name)).chunks) Y.applyUpdate(doc, chunk.data);
    for (const projection of found.kind.projections) {
      const roomRows = projection.rows(name, found.room, doc);
      await writeProjection(projection, name, roomRows);
      rows += roomRows.length;
    }
    projected += 1;
    doc.destroy();
  }
  const tables = new Set(Object.values(rooms).flatMap((k) => k.projections.map((p) => p.table)));
  for (const table of tables) await sql`DELETE FROM ${sql(table)} WHERE room NOT IN (SELECT name FROM sync_rooms)`;
  return { rooms: projected, rows };
}
