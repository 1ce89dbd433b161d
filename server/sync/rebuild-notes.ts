import * as Y from 'yjs';
import { sql } from '../../db/sql';
import { readRoom } from './persistence';
import { projectionFor } from './projection';

/** Recreates the `notes` and `board_posts` tables from the stored rooms; returns how many rooms and rows it wrote. */
export async function rebuildNotes(): Promise<{ rooms: number; notes: number }> {
  const rooms = await sql<{ name: string }[]>`
    SELECT name FROM sync_rooms WHERE name LIKE 'doc:%' OR name LIKE 'private:%' OR name LIKE 'staff:%' OR name LIKE 'board:%' ORDER BY name`;
  let notes = 0;
  for (const { name } of rooms) {
    const doc = new Y.Doc();
    for (const chunk of (await readRoom(name)).chunks) Y.applyUpdate(doc, chunk.data);
    const projection = projectionFor(name, doc);
    if (projection) {
      await projection.write();
      notes += projection.rows.length;
    }
    doc.destroy();
  }
  await sql`DELETE FROM notes WHERE room NOT IN (SELECT name FROM sync_rooms)`;
  await sql`DELETE FROM board_posts WHERE room NOT IN (SELECT name FROM sync_rooms)`;
  return { rooms: rooms.length, notes };
}
