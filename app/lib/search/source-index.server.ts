/** The sources' part of search's index, for versions stored before search existed: filled in at start. */
import { sql } from '../../../db/sql';
import { versionsNotYetIndexed, versionToIndex, writeBlockTexts, writeVersionWords } from '../../../db/queries/search-index';
import { wordCounts } from './normalise';

/** Indexes every version stored before search, one transaction each; returns how many. */
export async function indexVersionsNotYetIndexed(): Promise<number> {
  const versions = await versionsNotYetIndexed();
  for (const id of versions) {
    await sql.begin(async (tx) => {
      const { text, blocks } = await versionToIndex(tx, id);
      await writeBlockTexts(tx, id, blocks.map((b) => ({ number: b.number, body: text.slice(b.start, b.end) })));
      await writeVersionWords(tx, id, wordCounts(text));
    });
  }
  return versions.length;
}
