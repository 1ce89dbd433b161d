/**
 * Where each paragraph of a version went in the next (docs/versions.md: ¶ numbers across versions), from the
 * paragraph diff; recorded when a version is published, and at start-up for versions stored before.
 */
import { recordBlockMoves, versionBlockTexts, versionsNotYetCompared } from '../../../db/queries/documents';
import { sql, type Transaction } from '../../../db/sql';
import { diffBlocks, type DiffBlock } from './block-diff';

/**
 * Compares version `version` (stored as `versionId`, with `blocks`) with the one before, and records the moves;
 * `publishing`, it also moves assignments' focus paragraphs (set on the version before).
 */
export async function compareWithVersionBefore(tx: Transaction, at: { documentId: string; version: number; versionId: string; publishing: boolean }, blocks: readonly DiffBlock[]) {
  const before = await versionBlockTexts(at.documentId, at.version - 1, tx);
  const { changes, renumbered } = diffBlocks(before, blocks);
  // (A change too large to compare records no moves: a citation of the old version then opens that version.)
  await recordBlockMoves(tx, { documentId: at.documentId, versionId: at.versionId, moveFocus: at.publishing }, changes ? before.map((b) => [b.number, renumbered.get(b.number) ?? null] as const) : []);
}

/** Compares every version stored before the moves were recorded (focus paragraphs stay: they were set since); returns how many. */
export async function compareVersionsNotYetCompared(): Promise<number> {
  const versions = await versionsNotYetCompared();
  for (const v of versions) {
    await sql.begin(async (tx) => compareWithVersionBefore(tx, { documentId: v.documentId, version: v.version, versionId: v.id, publishing: false }, await versionBlockTexts(v.documentId, v.version, tx)));
  }
  return versions.length;
}
