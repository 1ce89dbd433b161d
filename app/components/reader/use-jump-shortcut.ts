/**
 * Alt+J: from a paragraph (its ¶ number, or a selection in it) to its first note; from a note back to
 * where the reader came from (or to its paragraph's number). Only within this reader's text and margin.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { selectedPassage } from '~/lib/notes/selection';
import type { NoteView } from '~/lib/notes/views';

/** The shortcut between a paragraph and its first note, and back to where it came from. */
export const JUMP_SHORTCUT = { code: 'KeyJ', label: 'Alt+J' };

/** The paragraph (block) of the text that holds `offset`. */
export function blockAt(container: HTMLElement | null, offset: number): HTMLElement | null {
  for (const block of container?.querySelectorAll<HTMLElement>('[data-start][data-end]') ?? []) {
    if (Number(block.dataset.start) <= offset && offset < Number(block.dataset.end)) return block;
  }
  return null;
}

/** Returns what Alt+J found nothing for, to be said aloud. */
export function useJumpShortcut(refs: { text: RefObject<HTMLElement>; margin: RefObject<HTMLElement> }, anchored: NoteView[], focusNote: (key: string) => void): string {
  const [notice, setNotice] = useState('');
  const cameFrom = useRef<HTMLElement | null>(null);
  // The frame that puts the keyboard on the card jumped to: cancelled by a jump back before it runs.
  const toCard = useRef(0);
  const latest = useRef({ anchored, focusNote });
  latest.current = { anchored, focusNote };
  const { text: textRef, margin: marginRef } = refs;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.code !== JUMP_SHORTCUT.code) return;
      const text = textRef.current;
      const active = document.activeElement as HTMLElement | null;
      const card = active?.closest<HTMLElement>('.note-card');
      if (card && marginRef.current?.contains(card)) {
        e.preventDefault();
        const view = latest.current.anchored.find((v) => v.key === card.dataset.key);
        const back = cameFrom.current?.isConnected ? cameFrom.current : view?.anchor ? blockAt(text, view.anchor.start)?.querySelector<HTMLElement>('.block-number') : null;
        cameFrom.current = null;
        cancelAnimationFrame(toCard.current);
        back?.focus();
        // (A card focused as the note it shows becomes the focused one may take the keyboard back a moment
        // later on a busy page: the jump back has the last word.)
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            if (back && document.activeElement !== back && document.activeElement?.closest('.note-card')) back.focus();
          }),
        );
        return;
      }
      const selected = text ? selectedPassage(text) : null;
      const block = selected ? blockAt(text, selected.start) : active && text?.contains(active) ? active.closest<HTMLElement>('[data-start][data-end]') : null;
      if (!block) return;
      e.preventDefault();
      const [start, end] = [Number(block.dataset.start), Number(block.dataset.end)];
      const first = latest.current.anchored.filter((v) => v.anchor!.start < end && v.anchor!.end > start).sort((a, b) => a.anchor!.start - b.anchor!.start)[0];
      if (!first) return setNotice(`No notes on this paragraph yet (¶ ${block.querySelector('.block-number')?.textContent?.replace(/\D+/g, '') ?? ''}).`);
      setNotice('');
      cameFrom.current = active && active !== document.body ? active : block.querySelector<HTMLElement>('.block-number');
      latest.current.focusNote(first.key);
      // (Already the focused note, the card would not take focus again by itself.)
      toCard.current = requestAnimationFrame(() => marginRef.current?.querySelector<HTMLElement>(`.note-card[data-key="${CSS.escape(first.key)}"]`)?.focus({ preventScroll: true }));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [textRef, marginRef]);
  return notice;
}
