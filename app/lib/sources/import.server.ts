/** Importing a source's text: split into numbered blocks (split-blocks.ts), then stored as its newest version. */
import { insertDocument, type DocumentSummary } from '../../../db/queries/documents';
import type { Transaction } from '../../../db/sql';
import { wordCounts } from '~/lib/search/normalise';
import { splitBlocks } from '~/lib/split-blocks';

type ImportInput = Omit<Parameters<typeof insertDocument>[0], 'blocks' | 'words'>;

/** Creates the document, or adds a version when the text changed (db/queries/documents.ts: insertDocument). */
export function importDocument(input: ImportInput, tx?: Transaction) {
  return insertDocument({ ...input, blocks: splitBlocks(input.text), words: wordCounts(input.text) }, tx);
}

/**
 * Publishes `text` as the next version of a source already stored, as long as `after` is still its newest
 * (else VersionConflict): the "New version" page and accepted corrections both do it.
 */
export function publishVersion(input: { document: DocumentSummary; text: string; by: string; after: number }, tx?: Transaction) {
  const { slug, title, kind, genre, date, origin, textNote } = input.document;
  return importDocument({ meta: { slug, title, kind, genre, date, origin, textNote }, text: input.text, createdBy: input.by, after: input.after }, tx);
}
