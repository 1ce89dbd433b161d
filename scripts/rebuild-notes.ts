/** npm run notes:rebuild — recreates the notes projection from the rooms (DATABASE_URL, else the embedded PostgreSQL). */
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { closeSql, sql } from '../db/sql';
import { rebuildNotes } from '../server/sync/rebuild-notes';

const database = await openDatabase({ dataDir: process.env.DATA_DIR ?? '.data', log: (line) => process.stderr.write(`${line}\n`) });
try {
  await migrate(sql);
  const { rooms, notes } = await rebuildNotes();
  process.stdout.write(`Rebuilt the notes projection: ${notes} notes and replies from ${rooms} rooms.\n`);
} finally {
  await closeSql();
  await database.stop();
}
