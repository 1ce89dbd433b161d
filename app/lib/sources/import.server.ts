/** Importing a source's text: split into numbered blocks (split-blocks.ts), then stored as its newest version. */
import { insertDocument, type DocumentSummary } from '../../../db/queries/documents';
import { sql, type Transaction } from '../../../db/sql';
import { compareWithVersionBefore } from './block-moves.server';
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
      const texts = blocks.map((b) => ({ number: b.number, text: input.text.slice(b.start, b.end) }));
      await compareWithVersionBefore(tx, { documentId: stored.documentId, version: stored.version, versionId: stored.versionId, publishing: true }, texts);
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
