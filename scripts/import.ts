/**
 * Imports a plain-text or Markdown file as a source; importing again under the same slug adds a
 * new version (older versions are kept).
 *
 *   npm run import -- <file> --title "…"
 *       [--kind primary|secondary] [--genre …] [--date YYYY[-MM[-DD]]] [--origin …] [--note …]
 *       [--slug …] [--course <course id> [--case "<the course's name of a case>"|all]]
 *
 * Uses DATABASE_URL, else the embedded PostgreSQL under DATA_DIR (started if Plenum is not running).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { isUuid } from '~/lib/rooms/ids';
import { importDocument } from '~/lib/sources/import.server';
import { slugify } from '../db/queries/documents';
import { closeSql, sql } from '../db/sql';
import { decodeSourceText } from '~/lib/uploaded-text';
import { sourceMetaSchema } from '~/lib/source-meta';
import { chooseCase } from '~/lib/cases';
import { listCourseCases } from '../db/queries/cases';

function fail(message: string): never {
  process.stderr.write(`import: ${message}\n`);
  process.exit(1);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        title: { type: 'string' },
        case: { type: 'string' },
        kind: { type: 'string', default: 'primary' },
        genre: { type: 'string', default: '' },
        date: { type: 'string', default: '' },
        origin: { type: 'string', default: '' },
        note: { type: 'string', default: '' },
        slug: { type: 'string' },
        course: { type: 'string' },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
})();

const file = positionals[0];
if (!file || positionals.length > 1) fail('give exactly one file: npm run import -- <file> --title "…" [--course <id> --case "<case>"]');
const meta = sourceMetaSchema.safeParse({
  title: values.title,
  kind: values.kind,
  genre: values.genre,
  date: values.date,
  origin: values.origin,
  textNote: values.note,
});
if (!meta.success) fail(meta.error.issues.map((i) => `--${i.path[0] === 'textNote' ? 'note' : String(i.path[0])}: ${i.message}`).join('\n'));
if (values.course && !isUuid(values.course)) fail('--course takes a course id (the part after /c/ in its address)');
if (values.case && !values.course) fail('--case is a case of a course: give --course too');

const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => fail(`cannot read ${file}: ${error.code ?? error.message}`));
const decoded = decodeSourceText({
  bytes,
  fileName: path.basename(file),
  maxBytes: Number(process.env.MAX_UPLOAD_BYTES ?? 2 * 1024 * 1024),
});
if (!decoded.ok) fail(decoded.error);

const database = await openDatabase({ dataDir: process.env.DATA_DIR ?? '.data', log: (line) => process.stderr.write(`${line}\n`) });
try {
  await migrate(sql);
  let caseId: string | null | undefined;
  if (values.course) {
    const [course] = await sql`SELECT 1 FROM courses WHERE id = ${values.course}`;
    if (!course) fail(`no course has the id ${values.course}`);
    if (values.case !== undefined) {
      const chosen = chooseCase(values.case, await listCourseCases(values.course));
      if (!chosen.ok) fail(`--case: ${chosen.error}`);
      caseId = chosen.caseId;
    }
  }
  const rest = meta.data;
  const slug = values.slug ? slugify(values.slug) : slugify(rest.title);
  const result = await importDocument({ meta: { ...rest, slug }, text: decoded.text, createdBy: null, courseId: values.course, caseId });
  process.stdout.write(
    `${result.created ? 'Imported' : 'Updated'} “${rest.title}” (slug ${slug}) as version ${result.version}` +
      `${values.course ? `, in course ${values.course}` : ''}. Document id: ${result.documentId}\n`,
  );
} finally {
  await closeSql();
  await database.stop();
}
