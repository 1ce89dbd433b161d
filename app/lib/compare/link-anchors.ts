/** Where an evidence link's ends are in a source's text now, and the paragraph holding an offset. */
import { anchorOf, isPlaced } from '~/lib/anchoring/reanchor';
import type { LinkEnd } from '~/lib/compare/links';
import type { SourceBlock } from '~/lib/source-html';

/** Where a link's end is in this source's text now (exact, moved, or not found: null). */
export function anchorOfEnd(text: string, version: number, end: LinkEnd) {
  const [position, quote] = end.selector;
  const anchor = anchorOf(
    text,
    version,
    {
      documentVersion: end.version,
      start: position.start,
      end: position.end,
      quote: quote.exact,
    },
    { position, quote },
  );
  return isPlaced(anchor) ? anchor : null;
}

/** The block holding `offset` (blocks are in text order). */
export function blockAtOffset(blocks: readonly SourceBlock[], offset: number): SourceBlock | null {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = blocks[mid]!;
    if (offset < b.start) hi = mid - 1;
    else if (offset >= b.end) lo = mid + 1;
    else return b;
  }
  return null;
}
