/**
 * npm run rebuild (also npm run notes:rebuild) — recreates every projected table (notes, board posts)
 * from the rooms (DATABASE_URL, else the embedded PostgreSQL).
 */
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { closeSql, sql } from '../db/sql';
import { rebuildProjections } from '../server/sync/rebuild';

const database = await openDatabase({ dataDir: process.env.DATA_DIR ?? '.data', log: (line) => process.stderr.write(`${line}\n`) });
try {
  await migrate(sql);
  const { rooms, rows } = await rebuildProjections();
  process.stdout.write(`Rebuilt the projections: ${rows} rows from ${rooms} rooms.\n`);
} finally {
  await closeSql();
  await database.stop();
}
