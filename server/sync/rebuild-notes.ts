import * as Y from 'yjs';
import { sql } from '../../db/sql';
import { readRoom } from './persistence';
import { noteRows, writeNoteRows } from './projection';

/** Recreates the `notes` table from the stored rooms; returns how many rooms and notes it wrote. */
export async function rebuildNotes(): Promise<{ rooms: number; notes: number }> {
  const rooms = await sql<{ name: string }[]>`
    SELECT name FROM sync_rooms WHERE name LIKE 'doc:%' OR name LIKE 'private:%' OR name LIKE 'staff:%' ORDER BY name`;
  let notes = 0;
  for (const { name } of rooms) {
    const doc = new Y.Doc();
    for (const chunk of (await readRoom(name)).chunks) Y.applyUpdate(doc, chunk.data);
    const rows = noteRows(name, doc) ?? [];
    await writeNoteRows(name, rows);
    notes += rows.length;
    doc.destroy();
  }
  await sql`DELETE FROM notes WHERE room NOT IN (SELECT name FROM sync_rooms)`;
  return { rooms: rooms.length, notes };
}
