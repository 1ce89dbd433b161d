/**
 * Where each side of the compare view is, in the URL's fragment: `#left-b12,right-b40` (the ¶ at the
 * top of each side), or a character offset in a side's text (`right-o1234`: an evidence link's end,
 * whose ¶ the page that made the link did not know). Opening such a URL brings both passages into view
 * and marks them; as the reader scrolls, the fragment follows, so a reload or a copied link opens both
 * sides where they were.
 */
import { useEffect, useRef, type RefObject } from 'react';

export const SIDES = ['left', 'right'] as const;
export type Side = (typeof SIDES)[number];

/** The ¶ numbers a fragment names, per side (`#left-b12`, `#right-b3`, or both joined by a comma). */
export function parseSidePositions(hash: string, unit: 'b' | 'o' = 'b'): Partial<Record<Side, number>> {
  const found: Partial<Record<Side, number>> = {};
  for (const part of hash.replace(/^#/, '').split(',')) {
    const match = /^(left|right)-([bo])(\d{1,8})$/.exec(part);
    if (match && match[2] === unit) found[match[1] as Side] = Number(match[3]);
  }
  return found;
}

/** The paragraph of a side's text that holds character `offset`. */
export function blockHolding(root: HTMLElement, offset: number): HTMLElement | null {
  for (const block of root.querySelectorAll<HTMLElement>('.source-text > .block')) {
    if (Number(block.dataset.start) <= offset && offset < Number(block.dataset.end)) return block;
  }
  return null;
}

/** Brings a side's paragraph into view and marks it (the one mark on that side). */
export function showBlock(root: HTMLElement, block: HTMLElement) {
  for (const marked of root.querySelectorAll('.block.marked')) marked.classList.remove('marked');
  block.classList.add('marked');
  block.scrollIntoView({ block: 'start', behavior: 'instant' });
}

export function formatSidePositions(positions: Partial<Record<Side, number>>): string {
  return SIDES.filter((s) => positions[s] !== undefined).map((s) => `${s}-b${positions[s]}`).join(',');
}

/** The first block of a side whose bottom is below the top of its scrolling area (what its reader sees first). */
export function topBlockOf(root: HTMLElement): HTMLElement | null {
  // (On a phone the side grows with its text and the window scrolls: its top may be far above the screen.)
  const top = Math.max(0, root.getBoundingClientRect().top) + (root.querySelector<HTMLElement>('.side-header')?.offsetHeight ?? 0);
  const blocks = root.querySelectorAll<HTMLElement>('.source-text > .block');
  // Blocks are in document order: the first one whose bottom is below `top`, by halving.
  let lo = 0;
  let hi = blocks.length - 1;
  let found: HTMLElement | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.getBoundingClientRect().bottom > top + 1) {
      found = blocks[mid]!;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return found;
}

const blockNumberOf = (block: HTMLElement | null) => (block ? Number(/b(\d+)$/.exec(block.id)?.[1]) : undefined);

/**
 * Brings the passages the URL names into view (each side once it is shown: on a phone the other side
 * is a hidden tab), then keeps the fragment in step with both sides' scrolling. `shown` names the
 * side a phone shows.
 */
export function useSidePositions(roots: Record<Side, RefObject<HTMLElement>>, shown: Side) {
  /** Per side: the ¶ the URL asked for, and the ¶ that was at the top once it was brought into view. */
  const opened = useRef<Partial<Record<Side, { asked: number; top: number | undefined }>>>({});
  const pending = useRef<{ blocks: Partial<Record<Side, number>>; offsets: Partial<Record<Side, number>> } | null>(null);

  useEffect(() => {
    pending.current ??= { blocks: parseSidePositions(window.location.hash), offsets: parseSidePositions(window.location.hash, 'o') };
    const { blocks, offsets } = pending.current;
    for (const side of SIDES) {
      const root = roots[side].current;
      if ((blocks[side] === undefined && offsets[side] === undefined) || !root || root.offsetParent === null) continue;
      const block = blocks[side] !== undefined ? root.querySelector<HTMLElement>(`#${side}-b${blocks[side]}`) : blockHolding(root, offsets[side]!);
      delete blocks[side];
      delete offsets[side];
      if (!block) continue;
      showBlock(root, block);
      const asked = blockNumberOf(block)!;
      opened.current[side] = { asked, top: blockNumberOf(topBlockOf(root)) };
    }
  }, [roots, shown]);

  // The fragment follows the scrolling (replaced, not pushed: scrolling adds no history). A side still
  // where its link put it keeps the ¶ the link named (near the end of a text, that ¶ may not reach the top).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const write = () => {
      const positions = parseSidePositions(window.location.hash);
      for (const side of SIDES) {
        const root = roots[side].current;
        if (!root || root.offsetParent === null) continue;
        const top = blockNumberOf(topBlockOf(root));
        const link = opened.current[side];
        positions[side] = link && link.top === top ? link.asked : top;
      }
      const hash = formatSidePositions(positions);
      // (history.state is React Router's: kept, or its back button would lose its place.)
      if (hash && `#${hash}` !== window.location.hash) window.history.replaceState(window.history.state, '', `#${hash}`);
    };
    const onScroll = () => {
      clearTimeout(timer);
      timer = setTimeout(write, 250);
    };
    const scrollers: (HTMLElement | Window)[] = [window, ...SIDES.map((s) => roots[s].current).filter((r): r is HTMLElement => r !== null)];
    for (const r of scrollers) r.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const r of scrollers) r.removeEventListener('scroll', onScroll);
    };
  }, [roots]);
}
