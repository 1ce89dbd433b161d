/**
 * Alt+<key> on a passage: the selected one, or the whole paragraph whose ¶ number has focus (in this
 * reader's text). Alt+N annotates it; in the compare view Alt+L links it.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { selectedPassage } from '~/lib/notes/selection';

export interface PassageShortcut {
  key: string;
  label: string;
}

/** The shortcut that turns the current selection into a note. */
export const ANNOTATE_SHORTCUT: PassageShortcut = { key: 'n', label: 'Alt+N' };
/** The shortcut that starts (or ends) an evidence link at the current selection. */
export const LINK_SHORTCUT: PassageShortcut = { key: 'l', label: 'Alt+L' };

/** Calls `act` with the passage when `shortcut` is pressed; none (null) listens to nothing. */
export function usePassageShortcut(textRef: RefObject<HTMLElement>, shortcut: PassageShortcut | null, act: (passage: { start: number; end: number }) => void) {
  const latest = useRef(act);
  latest.current = act;
  useEffect(() => {
    if (!shortcut) return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.code !== `Key${shortcut.key.toUpperCase()}` || e.ctrlKey || e.metaKey) return;
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
  }, [textRef, shortcut]);
}
