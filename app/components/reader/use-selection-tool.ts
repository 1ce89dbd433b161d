/**
 * The selected passage of the text, for the Annotate and Discuss buttons beside it. A selection lost
 * because a live change re-rendered the text under it is not the reader's doing: it is kept, and restored.
 */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { restoreSelection, selectedPassage } from '~/lib/notes/selection';

/** A passage, and where its first line is: how far below the top of its paragraph (`block`: its start offset). */
export interface SelectedPassage {
  start: number;
  end: number;
  block: string;
  top: number;
}

/** Where the selection's tools go in the text column: level with its first line, measured now. */
export function selectionTop(container: HTMLElement | null, selection: SelectedPassage): number {
  const block = container?.querySelector<HTMLElement>(`[data-start="${selection.block}"]`);
  return block && container ? block.getBoundingClientRect().top - container.getBoundingClientRect().top + selection.top : 0;
}

export function useSelectionTool(textRef: RefObject<HTMLElement>, editing: boolean) {
  const [selection, setSelection] = useState<SelectedPassage | null>(null);
  const userActed = useRef(false);
  useEffect(() => {
    const acted = () => (userActed.current = true);
    const update = () => {
      const container = textRef.current;
      if (!container) return;
      const passage = selectedPassage(container);
      if (!passage) {
        if (userActed.current) setSelection(null);
        return;
      }
      userActed.current = false;
      // Relative to its paragraph, which moves as paragraphs above it are laid out for the first time
      // (styles.css: content-visibility): relative to the text, the button drifted off the selection.
      const range = window.getSelection()!.getRangeAt(0);
      const block = (range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement)?.closest<HTMLElement>('[data-start][data-end]');
      if (!block) return;
      setSelection({ ...passage, block: block.dataset.start!, top: range.getBoundingClientRect().top - block.getBoundingClientRect().top });
    };
    update(); // text selected before the page finished loading counts too
    document.addEventListener('selectionchange', update);
    document.addEventListener('pointerdown', acted, true);
    document.addEventListener('keydown', acted, true);
    return () => {
      document.removeEventListener('selectionchange', update);
      document.removeEventListener('pointerdown', acted, true);
      document.removeEventListener('keydown', acted, true);
    };
  }, [textRef]);
  useLayoutEffect(() => {
    const container = textRef.current;
    if (!container || !selection || editing || userActed.current) return;
    const current = selectedPassage(container);
    if (!current || current.start !== selection.start || current.end !== selection.end) restoreSelection(container, selection.start, selection.end);
  });
  return { selection, setSelection };
}
