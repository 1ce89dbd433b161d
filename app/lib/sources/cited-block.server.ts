/** Following a citation of ¶ N of an older version to where that paragraph is now (docs/versions.md). */
import { followCitedBlock } from '../../../db/queries/documents';
import type { Citation } from './citation';

export interface CitationOutcome extends Citation {
  /** Its number in the newest version, or null if a later version removed it. */
  now: number | null;
  /** The version that removed it, when it is gone. */
  removedIn: number | null;
  /** The version that changed too much to follow it through, if that is where it was lost. */
  lostIn: number | null;
}

export async function followCitation(documentId: string, cited: Citation): Promise<CitationOutcome> {
  const where = await followCitedBlock(documentId, cited.version, cited.number);
  const stopped = where.number === null ? where.version : null;
  return { ...cited, now: where.number, removedIn: where.known ? stopped : null, lostIn: where.known ? null : stopped };
}

/** Where a citation opens: the paragraph in the newest version, or in the version it was made on if it is gone. */
export function citationTarget(base: string, outcome: CitationOutcome, newest: number): string {
  const note = `cited=${outcome.version}.${outcome.number}`;
  if (outcome.now !== null) return `${base}${outcome.version === newest ? '' : `?${note}`}#b${outcome.now}`;
  return `${base}?v=${outcome.version}&${note}#b${outcome.number}`;
}
