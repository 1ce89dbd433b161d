/**
 * The focused note: opened from a permalink (?note=…), a click on a highlight, a jump; its card and its
 * passage are kept in view (on a phone, the passage above the notes panel).
 */
import { useEffect, useRef, type RefObject } from 'react';
import { rectsOf } from '~/lib/notes/selection';
import { viewportOf } from '~/lib/notes/viewport';
import type { NoteView } from '~/lib/notes/views';
import type { Mark } from './highlights';

/** Below this width the margin is a panel over the lower part of the text (styles.css says the same). */
export const NARROW_SCREEN = '(max-width: 800px)';
/** How much of the screen the open panel may cover (styles.css: its max-height, 70vh). */
const PANEL_SHARE = 0.7;

export interface FocusedNoteInput {
  focused: string | null;
  setFocused(key: string): void;
  views: NoteView[];
  marksRef: RefObject<Mark[]>;
  textRef: RefObject<HTMLElement>;
  marginRef: RefObject<HTMLElement>;
  /** The element the text scrolls in; none: the window. */
  scrollRoot?: RefObject<HTMLElement>;
  openPanel(): void;
}

export function useFocusedNote({ focused, setFocused, views, marksRef, textRef, marginRef, scrollRoot, openPanel }: FocusedNoteInput) {
  // A permalink opens with its card focused and its passage in view (at once: the reader has just
  // arrived, there is nothing to watch scroll by).
  const openedAtNote = useRef(false);
  useEffect(() => {
    const key = new URLSearchParams(window.location.search).get('note');
    const view = key && focused === null ? views.find((v) => v.key === key || v.replies.some((r) => r.key === key)) : undefined;
    if (view) {
      openedAtNote.current = true;
      setFocused(view.key);
      openPanel();
    }
  }, [views, focused, setFocused, openPanel]);

  useEffect(() => {
    if (!focused) return;
    const narrow = window.matchMedia(NARROW_SCREEN).matches;
    const mark = marksRef.current?.find((m) => m.key === focused);
    const rect = mark && textRef.current ? rectsOf(textRef.current, mark.start, mark.end)[0] : null;
    // On a narrow screen the notes panel covers the lower part of the screen: the passage goes above it.
    const view = viewportOf(scrollRoot?.current);
    const height = view.bottom - view.top;
    const bottom = narrow ? view.top + height * (1 - PANEL_SHARE) : view.bottom;
    const behavior = openedAtNote.current ? 'instant' : 'smooth';
    openedAtNote.current = false;
    if (rect && (rect.top < view.top || rect.bottom > bottom)) view.scrollBy(rect.top - view.top - (narrow ? 16 : height / 2), behavior);
    // In the panel, the card is scrolled to (beside the text, it is level with its passage already).
    // (The card focuses itself once rendered: it may be outside the margin's rendered window until the scroll.)
    const margin = marginRef.current;
    const card = narrow ? margin?.querySelector(`.note-card[data-key="${CSS.escape(focused)}"]`) : null;
    if (margin && card) margin.scrollTop += card.getBoundingClientRect().top - margin.getBoundingClientRect().top - 8;
  }, [focused, marksRef, textRef, marginRef, scrollRoot]);
}
