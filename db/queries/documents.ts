import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { sql, type Sql, type Transaction } from '../sql';
import { writeVersionWords } from './search-index';

export interface DocumentMeta {
  slug: string;
  title: string;
  kind: 'primary' | 'secondary';
  genre: string;
  date: string | null;
  origin: string;
  textNote: string;
}

export interface DocumentSummary extends DocumentMeta {
  id: string;
  /** The course's case the source belongs to; null: it speaks to every case of the course. */
  caseId: string | null;
  position: number;
  version: number;
  /** Retired by the course's instructors: off the course home, the pickers and new assignments. */
  archived: boolean;
}

/** What a block of a source's text is (app/lib/split-blocks.ts decides). */
export type BlockKind = 'heading' | 'paragraph' | 'note' | 'furniture' | 'front';

export interface ReaderBlock {
  number: number;
  kind: BlockKind;
  start: number;
  end: number;
}

export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return slug || 'source';
}

/** Another version was published since the one a new text was prepared against. */
export class VersionConflict extends Error {
  constructor(readonly latest: number) {
    super(`version ${latest} was published meanwhile`);
  }
}

/**
 * Stores a text as a document's newest version with its blocks: creates the document when its slug is
 * new, adds a version when the text differs from the latest, and does nothing when it is the same.
 * With `courseId`, also attaches the document to that course (at the end of its reading order), and
 * with `caseId` sets its case there (null: every case; left out: unchanged, or every case when new).
 * (app/lib/sources/import.server.ts splits the text into blocks first.)
 */
export async function insertDocument(
  input: {
    meta: DocumentMeta;
    text: string;
    blocks: readonly ReaderBlock[];
    /** Its distinct words in search's normal form, with their counts (app/lib/search/normalise.ts). */
    words: readonly { word: string; parts: string; uses: number }[];
    createdBy: string | null;
    courseId?: string;
    caseId?: string | null;
    /** Only as the version after this one: refused with VersionConflict if another was added meanwhile. */
    after?: number;
  },
  tx?: Transaction,
): Promise<{ documentId: string; version: number; created: boolean; versionId: string | null }> {
  const { meta, text } = input;
  const digest = createHash('sha256').update(text, 'utf8').digest('hex');
  const work = async (tx: Transaction) => {
    const [doc] = await tx<{ id: string; inserted: boolean }[]>`
      INSERT INTO documents (slug, title, kind, genre, date, origin, text_note, created_by)
      VALUES (${meta.slug}, ${meta.title}, ${meta.kind}, ${meta.genre}, ${meta.date},
              ${meta.origin}, ${meta.textNote}, ${input.createdBy})
      ON CONFLICT (slug) DO UPDATE SET title = EXCLUDED.title, kind = EXCLUDED.kind,
        genre = EXCLUDED.genre, date = EXCLUDED.date, origin = EXCLUDED.origin, text_note = EXCLUDED.text_note
      RETURNING id, (xmax = 0) AS inserted`;
    const documentId = doc!.id;
    await tx`SELECT pg_advisory_xact_lock(hashtext(${documentId}))`;
    const [latest] = await tx<{ version: number; sha256: string }[]>`
      SELECT version, sha256 FROM document_versions WHERE document_id = ${documentId}
      ORDER BY version DESC LIMIT 1`;
    let version = latest?.version ?? 0;
    let versionId: string | null = null;
    if (input.after !== undefined && input.after !== version) throw new VersionConflict(version);
    if (latest?.sha256 !== digest) {
      version += 1;
      const [row] = await tx<{ id: string }[]>`
        INSERT INTO document_versions (document_id, version, body, sha256)
        VALUES (${documentId}, ${version}, ${text}, ${digest}) RETURNING id`;
      // As arrays, not one parameter per value: a 2 MiB source has tens of thousands of blocks, and a
      // statement takes at most 65,535 parameters.
      const blocks = input.blocks;
      if (blocks.length > 0) {
        await tx`
          INSERT INTO document_blocks (version_id, number, kind, start_offset, end_offset, body)
          SELECT ${row!.id}, * FROM unnest(
            ${tx.array(blocks.map((b) => b.number))}::int[], ${tx.array(blocks.map((b) => b.kind))}::text[],
            ${tx.array(blocks.map((b) => b.start))}::int[], ${tx.array(blocks.map((b) => b.end))}::int[],
            ${tx.array(blocks.map((b) => text.slice(b.start, b.end)))}::text[])`;
      }
      await writeVersionWords(tx, row!.id, input.words);
      versionId = row!.id;
    }
    if (input.courseId) {
      await tx`
        INSERT INTO course_documents (course_id, document_id, position)
        VALUES (${input.courseId}, ${documentId},
          (SELECT coalesce(max(position), 0) + 1 FROM course_documents WHERE course_id = ${input.courseId}))
        ON CONFLICT DO NOTHING`;
      // (The foreign key refuses a case of another course.)
      if (input.caseId !== undefined) await tx`UPDATE course_documents SET case_id = ${input.caseId} WHERE course_id = ${input.courseId} AND document_id = ${documentId}`;
    }
    return { documentId, version, created: doc!.inserted, versionId };
  };
  return tx ? work(tx) : sql.begin(work);
}

/** A version's blocks with their text, in order (to compare it with the next). */
export function versionBlockTexts(documentId: string, version: number, tx: Transaction | Sql = sql) {
  return tx<{ number: number; text: string }[]>`
    SELECT b.number, coalesce(b.body, '') AS text FROM document_blocks b JOIN document_versions v ON v.id = b.version_id
    WHERE v.document_id = ${documentId} AND v.version = ${version} ORDER BY b.number`;
}

/**
 * Records where each block of the version before went in version `versionId` (null: removed), and, for a
 * version being published (`moveFocus`), moves the focus paragraphs of assignments on the document with them
 * (a removed one is dropped).
 */
export async function recordBlockMoves(tx: Transaction, at: { documentId: string; versionId: string; moveFocus: boolean }, moves: readonly (readonly [number, number | null])[]) {
  const { documentId, versionId } = at;
  await tx`UPDATE document_versions SET moves_compared = true WHERE id = ${versionId}`;
  if (moves.length === 0) return;
  await tx`
    INSERT INTO document_block_moves (version_id, old_number, new_number)
    SELECT ${versionId}, * FROM unnest(${tx.array(moves.map((m) => m[0]))}::int[], ${tx.array(moves.map((m) => m[1]) as number[])}::int[])`;
  if (!at.moveFocus) return;
  await tx`
    UPDATE assignment_documents ad SET focus_blocks = coalesce((
      SELECT array_agg(m.new_number ORDER BY m.new_number) FROM unnest(ad.focus_blocks) AS f(n)
      JOIN document_block_moves m ON m.version_id = ${versionId} AND m.old_number = f.n
      WHERE m.new_number IS NOT NULL), '{}')
    WHERE ad.document_id = ${documentId} AND ad.focus_blocks <> '{}'`;
}

/**
 * Where ¶ `number` of version `from` is in the newest version, following each version's moves: its number
 * there; or, where it stops, the version that removed it (`known`) or that could not be compared with the one
 * before (a change too large to compare: not `known`).
 */
export async function followCitedBlock(documentId: string, from: number, number: number): Promise<{ version: number; number: number | null; known: boolean }> {
  const [last] = await sql<{ version: number; number: number | null; known: boolean }[]>`
    WITH RECURSIVE chain (version, number, known) AS (
      SELECT ${from}::int, ${number}::int, true
      UNION ALL
      SELECT c.version + 1, m.new_number, EXISTS (SELECT 1 FROM document_block_moves x WHERE x.version_id = v.id)
      FROM chain c
      JOIN document_versions v ON v.document_id = ${documentId} AND v.version = c.version + 1
      LEFT JOIN document_block_moves m ON m.version_id = v.id AND m.old_number = c.number
      WHERE c.number IS NOT NULL
    )
    SELECT version, number, known FROM chain ORDER BY version DESC LIMIT 1`;
  return last!;
}

/** Versions after the first not yet compared with the one before (stored before migration 022). */
export function versionsNotYetCompared() {
  return sql<{ id: string; documentId: string; version: number }[]>`
    SELECT id, document_id AS "documentId", version FROM document_versions WHERE version > 1 AND NOT moves_compared ORDER BY document_id, version`;
}

/**
 * The documents of a course in reading order, with their latest version number: those in use, or with
 * `{ archived: true }` every one, archived too (the course home's list of them, an assignment that has one).
 */
export async function listCourseDocuments(courseId: string, options: { archived?: boolean } = {}): Promise<DocumentSummary[]> {
  return sql<DocumentSummary[]>`
    SELECT d.id, d.slug, d.title, cd.case_id AS "caseId", d.kind, d.genre, d.date, d.origin,
      d.text_note AS "textNote", cd.position, cd.archived_at IS NOT NULL AS archived,
      (SELECT max(version) FROM document_versions v WHERE v.document_id = d.id) AS version
    FROM course_documents cd JOIN documents d ON d.id = cd.document_id
    WHERE cd.course_id = ${courseId} ${options.archived ? sql`` : sql`AND cd.archived_at IS NULL`}
    ORDER BY cd.position`;
}

/** Whether a source is read in more than one course: a new version would change it for all of them. */
export async function readInSeveralCourses(documentId: string): Promise<boolean> {
  const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM course_documents WHERE document_id = ${documentId}`;
  return row!.n > 1;
}

/** Archives (or restores) a source of a course; false if it is not one of the course's. */
export async function setArchived(courseId: string, documentId: string, archived: boolean): Promise<boolean> {
  const rows = await sql`
    UPDATE course_documents SET archived_at = ${archived ? sql`coalesce(archived_at, now())` : null}
    WHERE course_id = ${courseId} AND document_id = ${documentId} RETURNING 1`;
  return rows.length > 0;
}

/**
 * A version's text and blocks, which never change once imported (a new import is a new version): kept
 * in memory after the first read, up to a bound, so opening a source reads one row of metadata.
 */
const versionTexts = new LRUCache<string, { body: string; createdAt: Date; blocks: ReaderBlock[] }>({
  maxSize: 64 * 1024 * 1024,
  sizeCalculation: (v) => 2 * v.body.length + 64 * v.blocks.length,
});

async function versionText(documentId: string, version: number) {
  const key = `${documentId}:${version}`;
  const cached = versionTexts.get(key);
  if (cached) return cached;
  const [body] = await sql<{ id: string; body: string; createdAt: Date }[]>`
    SELECT id, body, created_at AS "createdAt" FROM document_versions
    WHERE document_id = ${documentId} AND version = ${version}`;
  if (!body) return null;
  const blocks = await sql<ReaderBlock[]>`
    SELECT number, kind, start_offset AS start, end_offset AS end
    FROM document_blocks WHERE version_id = ${body.id} ORDER BY number`;
  const text = { body: body.body, createdAt: body.createdAt, blocks };
  versionTexts.set(key, text);
  return text;
}

/**
 * A document as a member of `courseId` reads it: the requested version (default the latest), its
 * text and blocks. Null when the document is not in that course or the version does not exist.
 */
export async function getDocumentForReader(input: { courseId: string; documentId: string; version?: number }) {
  const [doc] = await sql<(DocumentSummary & { versions: number[] })[]>`
    SELECT d.id, d.slug, d.title, cd.case_id AS "caseId", d.kind, d.genre, d.date, d.origin,
      d.text_note AS "textNote", cd.position, cd.archived_at IS NOT NULL AS archived,
      (SELECT array_agg(version ORDER BY version) FROM document_versions v WHERE v.document_id = d.id) AS versions
    FROM course_documents cd JOIN documents d ON d.id = cd.document_id
    WHERE cd.course_id = ${input.courseId} AND d.id = ${input.documentId}`;
  if (!doc) return null;
  const version = input.version ?? Math.max(...doc.versions);
  if (!doc.versions.includes(version)) return null;
  const text = await versionText(doc.id, version);
  if (!text) return null;
  return { document: { ...doc, version }, text: text.body, versionCreatedAt: text.createdAt, blocks: text.blocks };
}

/** How many numbered blocks (¶) the latest version of each document of a course has. */
export async function blockCounts(courseId: string): Promise<Map<string, number>> {
  const rows = await sql<{ document_id: string; n: number }[]>`
    SELECT cd.document_id, (
      SELECT count(*)::int FROM document_blocks b JOIN document_versions v ON v.id = b.version_id
      WHERE v.document_id = cd.document_id AND v.version = (SELECT max(version) FROM document_versions WHERE document_id = cd.document_id)
    ) AS n
    FROM course_documents cd WHERE cd.course_id = ${courseId}`;
  return new Map(rows.map((r) => [r.document_id, r.n]));
}
