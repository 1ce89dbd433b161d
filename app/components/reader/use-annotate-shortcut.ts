/** Alt+N: a note on the selected passage, or on the whole paragraph whose ¶ number has focus (in this reader's text). */
import { useEffect, useRef, type RefObject } from 'react';
import { selectedPassage } from '~/lib/notes/selection';

/** The shortcut that turns the current selection into a note. */
export const ANNOTATE_SHORTCUT = { key: 'n', alt: true, label: 'Alt+N' };

export function useAnnotateShortcut(textRef: RefObject<HTMLElement>, annotate: (passage: { start: number; end: number }) => void) {
  const latest = useRef(annotate);
  latest.current = annotate;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey !== ANNOTATE_SHORTCUT.alt || e.code !== `Key${ANNOTATE_SHORTCUT.key.toUpperCase()}` || e.ctrlKey || e.metaKey) return;
      let passage = textRef.current ? selectedPassage(textRef.current) : null;
      const block = document.activeElement?.closest<HTMLElement>('[data-start][data-end]');
      if (!passage && block && textRef.current?.contains(block)) passage = { start: Number(block.dataset.start), end: Number(block.dataset.end) };
      if (passage) {
        e.preventDefault();
        latest.current(passage);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [textRef]);
}
