/**
 * Between offsets of the canonical text and the DOM of the source text: a selection to offsets, offsets
 * to ranges (for highlights and measuring), a point of the screen to an offset (for clicks).
 */
import { viewportOf, type Viewport } from './viewport';

function blockOf(node: Node): HTMLElement | null {
  const element = node instanceof HTMLElement ? node : node.parentElement;
  return element?.closest<HTMLElement>('[data-start][data-end]') ?? null;
}

/** The text offset of a DOM position; positions outside a block's text snap to its start or end. */
function offsetOf(node: Node, offset: number, edge: 'start' | 'end'): number | null {
  const block = blockOf(node);
  if (!block) return null;
  const blockText = block.querySelector<HTMLElement>('.block-text');
  const start = Number(block.dataset.start);
  const end = Number(block.dataset.end);
  if (!blockText) return edge === 'start' ? start : end;
  if (!blockText.contains(node)) {
    // In the ¶ number or the furniture label: before the text.
    return edge === 'start' ? start : start;
  }
  const range = document.createRange();
  range.setStart(blockText, 0);
  range.setEnd(node, offset);
  return Math.min(end, start + range.toString().length);
}

/** The selected passage within `container`, or null if nothing of the text is selected. */
export function selectedPassage(container: HTMLElement): { start: number; end: number } | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
  const start = offsetOf(range.startContainer, range.startOffset, 'start');
  const end = offsetOf(range.endContainer, range.endOffset, 'end');
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

/** The source's blocks in text order, with their offsets read once (dataset reads are slow). */
interface BlockIndex {
  starts: number[];
  ends: number[];
  texts: (Element | null)[];
  /** The blocks themselves: measured for positions, as a far block's size is known without laying out its text. */
  elements: HTMLElement[];
}
const indexes = new WeakMap<HTMLElement, BlockIndex>();
function blocksIn(container: HTMLElement): BlockIndex {
  let index = indexes.get(container);
  // Blocks live as long as the page; a re-mounted text (a new version) builds the index again.
  if (!index || (index.elements[0] && !index.elements[0].isConnected)) {
    const blocks = [...container.querySelectorAll<HTMLElement>('[data-start][data-end]')];
    index = {
      starts: blocks.map((b) => Number(b.dataset.start)),
      ends: blocks.map((b) => Number(b.dataset.end)),
      texts: blocks.map((b) => b.querySelector('.block-text')),
      elements: blocks,
    };
    indexes.set(container, index);
  }
  return index;
}

/**
 * The DOM position of text offset `offset` within the source text in `container`. An offset between
 * blocks (their separating blank lines) snaps forward for a start and back for an end.
 */
function domPosition(container: HTMLElement, offset: number, edge: 'start' | 'end'): { node: Node; offset: number } | null {
  const { starts, ends, texts } = blocksIn(container);
  let at = blockAt(starts, offset);
  if (edge === 'end' && at > 0 && starts[at] === offset) at -= 1; // ends where the next block begins
  if (at === -1) return edge === 'start' && starts.length > 0 ? textPosition(texts[0]!, 0) : null;
  if (offset > ends[at]!) return edge === 'end' ? textPosition(texts[at]!, ends[at]! - starts[at]!) : at + 1 < starts.length ? textPosition(texts[at + 1]!, 0) : null;
  return textPosition(texts[at]!, offset - starts[at]!);
}

/** The index of the last block starting at or before `offset`, or -1 (binary search). */
function blockAt(starts: number[], offset: number): number {
  let [lo, hi, at] = [0, starts.length - 1, -1];
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) [at, lo] = [mid, mid + 1];
    else hi = mid - 1;
  }
  return at;
}

/**
 * The stretch of text on screen, give or take `margin` pixels above and below it: from the first block
 * reaching into that band to the end of the last. A binary search over the blocks' positions.
 */
export function textOnScreen(container: HTMLElement, margin: number, view: Viewport = viewportOf(null)): { start: number; end: number } | null {
  const { starts, ends, elements } = blocksIn(container);
  const rect = (i: number) => elements[i]?.getBoundingClientRect() ?? null;
  const [top, bottom] = [view.top - margin, view.bottom + margin];
  let [lo, hi, first] = [0, starts.length - 1, starts.length];
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((rect(mid)?.bottom ?? -Infinity) >= top) [first, hi] = [mid, mid - 1];
    else lo = mid + 1;
  }
  [lo, hi] = [first, starts.length - 1];
  let last = first - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((rect(mid)?.top ?? Infinity) <= bottom) [last, lo] = [mid, mid + 1];
    else hi = mid - 1;
  }
  return last >= first ? { start: starts[first]!, end: ends[last]! } : null;
}

/**
 * Roughly where text offset `offset` is on screen (its block's top, plus its share of the block's
 * height): for placing things far from the viewport without measuring each. `blockRects` keeps the
 * blocks measured so far, for a caller placing many offsets at once.
 */
export function estimatedTop(container: HTMLElement, offset: number, blockRects = new Map<number, DOMRect | null>()): number | null {
  const { starts, ends, elements } = blocksIn(container);
  const at = blockAt(starts, offset);
  if (!blockRects.has(at)) blockRects.set(at, at >= 0 ? (elements[at]?.getBoundingClientRect() ?? null) : null);
  const rect = blockRects.get(at);
  if (!rect) return null;
  const share = Math.min(1, Math.max(0, (offset - starts[at]!) / Math.max(1, ends[at]! - starts[at]!)));
  return rect.top + share * rect.height;
}

/** The text node and offset `within` characters into a block's text. */
function textPosition(blockText: Element | null, within: number): { node: Node; offset: number } | null {
  if (!blockText) return null;
  let remaining = within;
  let last: Text | null = null;
  // A block's text is text nodes and spans holding one (a heading's marker, another reader's
  // selection): walked directly, as thousands of highlights are placed on every paint.
  for (let child = blockText.firstChild; child; child = child.nextSibling) {
    const node = child.nodeType === Node.TEXT_NODE ? (child as Text) : child.firstChild;
    if (!node) continue;
    if (node.nodeType !== Node.TEXT_NODE || node.nextSibling) return walkedPosition(blockText, within);
    const text = node as Text;
    if (remaining < text.data.length) return { node: text, offset: remaining };
    remaining -= text.data.length;
    last = text;
  }
  return last ? { node: last, offset: last.data.length } : null;
}

/** textPosition for any markup inside a block's text. */
function walkedPosition(blockText: Element, within: number): { node: Node; offset: number } | null {
  let remaining = within;
  let last: Text | null = null;
  const walker = document.createTreeWalker(blockText, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (remaining < node.data.length) return { node, offset: remaining };
    remaining -= node.data.length;
    last = node;
  }
  return last ? { node: last, offset: last.data.length } : null;
}

interface Bounds {
  startContainer: Node;
  startOffset: number;
  endContainer: Node;
  endOffset: number;
}

/** Where `text[start, end)` is in the DOM of `container`, or null if it is not on the page. */
function boundsOf(container: HTMLElement, start: number, end: number): Bounds | null {
  const from = domPosition(container, start, 'start');
  const to = domPosition(container, end, 'end');
  return from && to ? { startContainer: from.node, startOffset: from.offset, endContainer: to.node, endOffset: to.offset } : null;
}

/**
 * A StaticRange over `text[start, end)`: what highlights are made of. Unlike a live Range, the
 * browser does not have to update it on every change anywhere in the document.
 */
export function staticRangeOf(container: HTMLElement, start: number, end: number): StaticRange | null {
  const bounds = boundsOf(container, start, end);
  return bounds ? new StaticRange(bounds) : null;
}

// One live Range reused for every measurement, rather than thousands the document must keep updated.
let measuring: Range | null = null;

/** The screen rectangles of `text[start, end)` (one per line). */
export function rectsOf(container: HTMLElement, start: number, end: number): DOMRect[] {
  const bounds = boundsOf(container, start, end);
  if (!bounds) return [];
  measuring ??= document.createRange();
  measuring.setStart(bounds.startContainer, bounds.startOffset);
  measuring.setEnd(bounds.endContainer, bounds.endOffset);
  return [...measuring.getClientRects()];
}

/** The text offset under a point of the screen (a click), or null if the point is not on the text. */
export function offsetAtPoint(container: HTMLElement, x: number, y: number): number | null {
  const caret = document.caretPositionFromPoint?.(x, y);
  const node = caret?.offsetNode ?? null;
  if (!caret || !node || !container.contains(node) || !node.parentElement?.closest('.block-text')) return null;
  return offsetOf(node, caret.offset, 'start');
}

/** Selects `text[start, end)` again, e.g. after a re-render replaced the text nodes under it. */
export function restoreSelection(container: HTMLElement, start: number, end: number): boolean {
  const bounds = boundsOf(container, start, end);
  if (!bounds) return false;
  const range = document.createRange();
  range.setStart(bounds.startContainer, bounds.startOffset);
  range.setEnd(bounds.endContainer, bounds.endOffset);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  return true;
}
