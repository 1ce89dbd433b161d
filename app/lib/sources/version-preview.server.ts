/**
 * What publishing a new text of a source would do, before it is published: its paragraph diff from the
 * newest version, and where the course's notes, link ends and timeline events would land in it
 * (re-anchored with the reader's own rule, reanchor.ts): staying, moved, approximate, to check, orphaned.
 */
import { anchorOf, type AnchorStatus } from '~/lib/anchoring/reanchor';
import { blockAtOffset } from '~/lib/compare/link-anchors';
import type { SourceBlock } from '~/lib/source-html';
import { splitBlocks } from '~/lib/split-blocks';
import { anchoredInSource, type AnchoredItem } from '../../../db/queries/anchored';
import { diffBlocks, type BlockChange } from './block-diff';

export type StatusCounts = Record<AnchorStatus, number>;
export type AnchoredKind = AnchoredItem['kind'];

export interface UnplacedItem {
  kind: AnchoredKind;
  status: 'review' | 'orphan';
  quote: string;
  /** The ¶ it was written on, in the newest version (null if written on an older one). */
  wasAt: number | null;
  /** For `review`: the ¶ of the new text where its words recur. */
  recursAt: number | null;
}

export interface VersionPreview {
  blocks: { kept: number; removed: number; added: number; edited: number; changes: BlockChange[] | null };
  counts: Record<AnchoredKind, StatusCounts>;
  /** What would not be placed, to read before publishing; members' private notes and links only counted. */
  unplaced: UnplacedItem[];
  /** Unplaced beyond the first UNPLACED_LISTED: counted in `counts`, not listed (a page of thousands reads as none). */
  unlisted: number;
  privateUnplaced: number;
}

export const UNPLACED_LISTED = 100;

const emptyCounts = (): StatusCounts => ({ exact: 0, moved: 0, fuzzy: 0, review: 0, orphan: 0 });

/** Re-anchoring one passage on a long text can take milliseconds: other members wait no longer than a slice. */
const SLICE_MS = 8;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function previewVersion(input: {
  courseId: string;
  documentId: string;
  current: { version: number; text: string; blocks: readonly SourceBlock[] };
  text: string;
}): Promise<VersionPreview> {
  const { current, text } = input;
  const newBlocks = splitBlocks(text);
  const diff = diffBlocks(
    current.blocks.map((b) => ({ number: b.number, text: current.text.slice(b.start, b.end) })),
    newBlocks.map((b) => ({ number: b.number, text: text.slice(b.start, b.end) })),
  );
  const counts: Record<AnchoredKind, StatusCounts> = { note: emptyCounts(), link: emptyCounts(), event: emptyCounts() };
  const unplaced: UnplacedItem[] = [];
  let privateUnplaced = 0;
  let unlisted = 0;
  const version = current.version + 1;
  let sliceStart = performance.now();
  for (const item of await anchoredInSource(input.courseId, input.documentId)) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
    const { position, quote } = item.passage;
    const anchor = anchorOf(text, version, { documentVersion: item.passage.version, start: position.start, end: position.end, quote: quote.exact }, { position, quote });
    const status = anchor?.status ?? 'orphan';
    counts[item.kind][status] += 1;
    if (status !== 'review' && status !== 'orphan') continue;
    if (item.visibility === 'private') privateUnplaced += 1;
    else if (unplaced.length >= UNPLACED_LISTED) unlisted += 1;
    else unplaced.push({
      kind: item.kind,
      status,
      quote: quote.exact,
      wasAt: item.passage.version === current.version ? (blockAtOffset(current.blocks, position.start)?.number ?? null) : null,
      recursAt: status === 'review' ? (blockAtOffset(newBlocks, anchor!.start)?.number ?? null) : null,
    });
  }
  const { kept, removed, added, edited, changes } = diff;
  return { blocks: { kept, removed, added, edited, changes }, counts, unplaced, unlisted, privateUnplaced };
}
