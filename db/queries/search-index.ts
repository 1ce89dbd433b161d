/**
 * What search reads of the sources (migration 015): each ¶'s own text beside its offsets (PostgreSQL
 * indexes its normal form), and the distinct words of each version, which a misspelt name is matched
 * against (app/lib/search/source-index.server.ts computes them).
 */
import { sql, type Transaction } from '../sql';

/** Replaces the words of one version: each in normal form, with how often it occurs (`parts`: a hyphenated word's, or ''). */
export async function writeVersionWords(tx: Transaction, versionId: string, words: readonly { word: string; parts: string; uses: number }[]) {
  await tx`DELETE FROM document_words WHERE version_id = ${versionId}`;
  if (words.length > 0) {
    await tx`
      INSERT INTO document_words (version_id, word, parts, uses)
      SELECT ${versionId}, * FROM unnest(${tx.array(words.map((w) => w.word))}::text[], ${tx.array(words.map((w) => w.parts))}::text[], ${tx.array(words.map((w) => w.uses))}::int[])`;
  }
}

/** The versions stored before search: their blocks have no text yet. */
export async function versionsNotYetIndexed(): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`SELECT DISTINCT version_id AS id FROM document_blocks WHERE body IS NULL`;
  return rows.map((r) => r.id);
}

/** A version's text and its blocks' offsets, for indexing it. */
export async function versionToIndex(tx: Transaction, versionId: string) {
  const [version] = await tx<{ body: string }[]>`SELECT body FROM document_versions WHERE id = ${versionId}`;
  const blocks = await tx<{ number: number; start: number; end: number }[]>`
    SELECT number, start_offset AS start, end_offset AS end FROM document_blocks WHERE version_id = ${versionId}`;
  return { text: version?.body ?? '', blocks };
}

/** Writes each block's own text (by number). */
export async function writeBlockTexts(tx: Transaction, versionId: string, texts: readonly { number: number; body: string }[]) {
  if (texts.length === 0) return;
  await tx`
    UPDATE document_blocks b SET body = t.body
    FROM unnest(${tx.array(texts.map((t) => t.number))}::int[], ${tx.array(texts.map((t) => t.body))}::text[]) AS t(number, body)
    WHERE b.version_id = ${versionId} AND b.number = t.number`;
}
