/**
 * Where each side of the compare view is, in the URL's fragment: `#left-b12,right-b40` (the ¶ at the
 * top of each side). Opening such a URL brings both passages into view and marks them; as the reader
 * scrolls, the fragment follows, so a reload or a copied link opens both sides where they were.
 */
import { useEffect, type RefObject } from 'react';

export const SIDES = ['left', 'right'] as const;
export type Side = (typeof SIDES)[number];

/** The ¶ numbers a fragment names, per side (`#left-b12`, `#right-b3`, or both joined by a comma). */
export function parseSidePositions(hash: string): Partial<Record<Side, number>> {
  const found: Partial<Record<Side, number>> = {};
  for (const part of hash.replace(/^#/, '').split(',')) {
    const match = /^(left|right)-b(\d{1,6})$/.exec(part);
    if (match) found[match[1] as Side] = Number(match[2]);
  }
  return found;
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

export function useSidePositions(roots: Record<Side, RefObject<HTMLElement>>) {
  // On opening: scroll each named passage into view and mark it.
  useEffect(() => {
    const wanted = parseSidePositions(window.location.hash);
    for (const side of SIDES) {
      const number = wanted[side];
      const block = number === undefined ? null : roots[side].current?.querySelector<HTMLElement>(`#${side}-b${number}`);
      if (!block) continue;
      block.classList.add('marked');
      block.scrollIntoView({ block: 'start', behavior: 'instant' });
    }
  }, [roots]);

  // Then the fragment follows both sides' scrolling (replaced, not pushed: scrolling adds no history).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const write = () => {
      const positions: Partial<Record<Side, number>> = {};
      for (const side of SIDES) {
        const root = roots[side].current;
        if (root && root.offsetParent !== null) positions[side] = blockNumberOf(topBlockOf(root));
        else positions[side] = parseSidePositions(window.location.hash)[side];
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
    // Listening starts after the opening scroll has settled: the passages the link named stay in it
    // until the reader moves.
    const start = setTimeout(() => {
      for (const r of scrollers) r.addEventListener('scroll', onScroll, { passive: true });
    }, 500);
    return () => {
      clearTimeout(start);
      clearTimeout(timer);
      for (const r of scrollers) r.removeEventListener('scroll', onScroll);
    };
  }, [roots]);
}
