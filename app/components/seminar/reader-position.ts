/**
 * A reader's position as seminar mode shares it: the ¶ at the top of the reader's screen and how far into it
 * (a fraction of its height), so that readers of different widths, where a ¶ wraps differently, line up on
 * the same words. `root` holds one source's text; `line` is where the reader's top is on screen (the
 * window's top, or below a side's sticky header in the compare view).
 */
import type { ReaderPosition } from '~/lib/seminar/model';

const blocksOf = (root: HTMLElement) => root.querySelectorAll<HTMLElement>('.source-text > .block');
const numberOf = (block: HTMLElement) => Number(/b(\d+)$/.exec(block.id)?.[1] ?? NaN);

export function readerPosition(root: HTMLElement, documentId: string, line = 0): ReaderPosition | null {
  const blocks = blocksOf(root);
  // Blocks are in document order: the first whose bottom is below the line, by halving.
  let lo = 0;
  let hi = blocks.length - 1;
  let found: HTMLElement | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.getBoundingClientRect().bottom > line) {
      found = blocks[mid]!;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  if (!found) return null;
  const rect = found.getBoundingClientRect();
  const offset = rect.height > 0 ? Math.min(1, Math.max(0, (line - rect.top) / rect.height)) : 0;
  const block = numberOf(found);
  return Number.isFinite(block) ? { documentId, block, offset: Math.round(offset * 1000) / 1000 } : null;
}

/** How far the window (or `scroller`) must scroll by for `position` to be at the line; null if its ¶ is not here. */
export function scrollDeltaTo(root: HTMLElement, position: ReaderPosition, line = 0): number | null {
  const block = [...blocksOf(root)].find((b) => numberOf(b) === position.block) ?? null;
  if (!block) return null;
  const rect = block.getBoundingClientRect();
  return rect.top + position.offset * rect.height - line;
}
