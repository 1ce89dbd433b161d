/** Importing a source's text: split into numbered blocks (split-blocks.ts), then stored as its newest version. */
import { insertDocument, recordBlockMoves, versionBlockTexts, type DocumentSummary } from '../../../db/queries/documents';
import { sql, type Transaction } from '../../../db/sql';
import { diffBlocks } from './block-diff';
import { wordCounts } from '~/lib/search/normalise';
import { splitBlocks } from '~/lib/split-blocks';

type ImportInput = Omit<Parameters<typeof insertDocument>[0], 'blocks' | 'words'>;

/**
 * Creates the document, or adds a version when the text changed (db/queries/documents.ts: insertDocument); a
 * new version records where each paragraph of the one before went (block-diff.ts), so that ¶ numbers cited on
 * it still find their text.
 */
export function importDocument(input: ImportInput, tx?: Transaction) {
  const blocks = splitBlocks(input.text);
  const work = async (tx: Transaction) => {
    const stored = await insertDocument({ ...input, blocks, words: wordCounts(input.text) }, tx);
    if (stored.versionId && stored.version > 1) {
      const before = await versionBlockTexts(stored.documentId, stored.version - 1, tx);
      const { changes, renumbered } = diffBlocks(before, blocks.map((b) => ({ number: b.number, text: input.text.slice(b.start, b.end) })));
      // (A change too large to compare records nothing: a citation of the old version then opens that version.)
      if (changes) await recordBlockMoves(tx, stored.documentId, stored.versionId, before.map((b) => [b.number, renumbered.get(b.number) ?? null] as const));
    }
    return stored;
  };
  return tx ? work(tx) : sql.begin(work);
}

/**
 * Publishes `text` as the next version of a source already stored, as long as `after` is still its newest
 * (else VersionConflict): the "New version" page and accepted corrections both do it.
 */
export function publishVersion(input: { document: DocumentSummary; text: string; by: string; after: number }, tx?: Transaction) {
  const { slug, title, kind, genre, date, origin, textNote } = input.document;
  return importDocument({ meta: { slug, title, kind, genre, date, origin, textNote }, text: input.text, createdBy: input.by, after: input.after }, tx);
}
