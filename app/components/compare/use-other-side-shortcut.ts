/**
 * Alt+O: from one side of the compare view to the other — focus moves to the ¶ number at the top of
 * the other side's screen, so Alt+N (annotate) and Alt+J (its notes) work there at once.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { SIDES, topBlockOf, type Side } from './side-positions';

export const OTHER_SIDE_SHORTCUT = { code: 'KeyO', label: 'Alt+O' };

export function useOtherSideShortcut(roots: Record<Side, RefObject<HTMLElement>>, arrive: (side: Side) => void) {
  const latest = useRef(arrive);
  latest.current = arrive;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.code !== OTHER_SIDE_SHORTCUT.code) return;
      e.preventDefault();
      const active = document.activeElement;
      const current = SIDES.find((s) => roots[s].current?.contains(active)) ?? 'right';
      const other: Side = current === 'left' ? 'right' : 'left';
      // Shown first (on a phone the other side is a hidden tab), then focused.
      latest.current(other);
      requestAnimationFrame(() => {
        const root = roots[other].current;
        if (!root) return;
        const target = topBlockOf(root)?.querySelector<HTMLElement>('.block-number') ?? root;
        target.focus({ preventScroll: true });
      });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [roots]);
}
