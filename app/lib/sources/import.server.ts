/** Importing a source's text: split into numbered blocks (split-blocks.ts), then stored as its newest version. */
import { insertDocument } from '../../../db/queries/documents';
import type { Transaction } from '../../../db/sql';
import { wordCounts } from '~/lib/search/normalise';
import { splitBlocks } from '~/lib/split-blocks';

type ImportInput = Omit<Parameters<typeof insertDocument>[0], 'blocks' | 'words'>;

/** Creates the document, or adds a version when the text changed (db/queries/documents.ts: insertDocument). */
export function importDocument(input: ImportInput, tx?: Transaction) {
  return insertDocument({ ...input, blocks: splitBlocks(input.text), words: wordCounts(input.text) }, tx);
}
