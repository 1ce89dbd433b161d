/** Turns a DOM selection inside the source text into offsets of the canonical text. */

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

/** The DOM position of text offset `offset` within the source text in `container`. */
function domPosition(container: HTMLElement, offset: number): { node: Node; offset: number } | null {
  for (const block of container.querySelectorAll<HTMLElement>('[data-start][data-end]')) {
    const start = Number(block.dataset.start);
    if (offset < start || offset > Number(block.dataset.end)) continue;
    const blockText = block.querySelector('.block-text');
    if (!blockText) return null;
    let remaining = offset - start;
    const walker = document.createTreeWalker(blockText, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent?.length ?? 0;
      if (remaining <= length) return { node, offset: remaining };
      remaining -= length;
    }
  }
  return null;
}

/** Selects `text[start, end)` again, e.g. after a re-render replaced the text nodes under it. */
export function restoreSelection(container: HTMLElement, start: number, end: number): boolean {
  const from = domPosition(container, start);
  const to = domPosition(container, end);
  if (!from || !to) return false;
  const range = document.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  return true;
}
