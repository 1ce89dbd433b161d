/**
 * The margin's layout: beside the text (laptop), each card level with its passage, never overlapping,
 * and only the cards near the viewport rendered — the others are placed with their last measured (or
 * an estimated) height, so a margin of a thousand notes costs what a screenful does. Sorted by time, or
 * on a narrow screen, the margin is a plain list, shown a page at a time.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { estimatedTop, rectsOf, textOnScreen } from '~/lib/notes/selection';
import { onViewportChange, viewportOf } from '~/lib/notes/viewport';
import type { Mark } from './highlights';
import { NARROW_SCREEN } from './use-focused-note';
import type { NoteSort } from './use-note-filters';

/** What the margin places beside the text: the cards, and the editor of a note on a passage. */
export const PLACED = '.anchored-cards > [data-key]';
export const EDITOR_KEY = 'editor';

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((k) => b.has(k));
function sameTops(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export interface MarginLayoutInput {
  marginRef: RefObject<HTMLElement>;
  textRef: RefObject<HTMLElement>;
  marksRef: RefObject<Mark[]>;
  sort: NoteSort;
  /** The passage being annotated: beside the text, its editor is placed level with it, like a card. */
  editorPassage: { start: number; end: number } | null;
  /** Names what the margin shows (notes, focus, filters, the panel): laid out again when it changes. */
  changes: string;
  /** The element the text and margin scroll in; none: the window. */
  scrollRoot?: RefObject<HTMLElement>;
}

export function useMarginLayout({ marginRef, textRef, marksRef, sort, editorPassage, changes, scrollRoot }: MarginLayoutInput) {
  // Cards beside their passages, never overlapping (laptop); a plain list on narrow screens.
  // Only the cards near the viewport are rendered: the others are placed with their last measured
  // (or an estimated) height, so a margin of a thousand notes costs what a screenful does.
  const heights = useRef(new Map<string, number>());
  /** The height each card near the viewport was placed with: measured, or a typical card's. */
  const assumedHeights = useRef(new Map<string, number>());
  const passageTops = useRef({ size: '', tops: new Map<number, number>(), estimates: new Map<number, number>() });
  // Sorted by time, or on a narrow screen, the margin is a plain list, shown a page at a time.
  const sortRef = useRef(sort);
  sortRef.current = sort;
  /** The passage being annotated: beside the text, its editor is placed level with it, like a card. */
  const editingPassage = useRef<{ start: number; end: number } | null>(null);
  editingPassage.current = editorPassage;
  const [listLimit, setListLimit] = useState(50);
  // `visible` null: the plain list. It starts empty, not null: no card is rendered before the first
  // layout says which are near the viewport (and on a phone, the list follows at once).
  const [placed, setPlaced] = useState<{ tops: Record<string, number>; height: number; visible: Set<string> | null }>({ tops: {}, height: 0, visible: new Set() });
  // Until the first frame with notes is out, only the cards on screen are rendered (and only the
  // passages about the screen measured); the screens around them follow in the next task.
  const wide = useRef(false);
  const widening = useRef(false);
  const layout = useCallback(() => {
    const margin = marginRef.current;
    if (!margin || sortRef.current === 'time' || window.matchMedia(NARROW_SCREEN).matches) {
      return setPlaced((old) => (old.visible === null ? old : { tops: {}, height: 0, visible: null }));
    }
    const base = margin.getBoundingClientRect().top;
    for (const card of margin.querySelectorAll<HTMLElement>(PLACED)) heights.current.set(card.dataset.key!, card.offsetHeight);
    // Where each passage begins, relative to the text column: these hold until the column's size
    // changes — its width, or its height as far paragraphs are laid out for the first time
    // (styles.css: content-visibility) — and scrolling moves margin and text together.
    const container = textRef.current;
    if (!container) return;
    if (!wide.current && !widening.current && marksRef.current!.length > 0) {
      widening.current = true;
      requestAnimationFrame(() => setTimeout(() => ((wide.current = true), layout())));
    }
    const screens = wide.current ? { above: 1, below: 2 } : { above: 0, below: 1 };
    const view = viewportOf(scrollRoot?.current);
    const screen = view.bottom - view.top;
    const viewTop = view.top - base - screens.above * screen;
    const viewBottom = view.top - base + screens.below * screen;
    const size = `${container.clientWidth}x${container.clientHeight}`;
    if (passageTops.current.size !== size) passageTops.current = { size, tops: new Map(), estimates: new Map() };
    const textTop = container.getBoundingClientRect().top;
    const { tops: cached, estimates } = passageTops.current;
    // Passages near the viewport are measured (and kept); those far from it are placed by their
    // paragraph's position until they come near.
    const near = textOnScreen(container, (wide.current ? 2 : 1) * screen, view);
    const blockRects = new Map<number, DOMRect | null>();
    const wanted: [string, number][] = [];
    for (const mark of marksRef.current!) {
      let top = cached.get(mark.start);
      if (top === undefined && near && (mark.start < near.start || mark.start >= near.end)) {
        top = estimates.get(mark.start);
        const estimate = top === undefined ? estimatedTop(container, mark.start, blockRects) : null;
        if (estimate !== null) estimates.set(mark.start, (top = estimate - textTop));
      }
      if (top === undefined) {
        const rect = rectsOf(container, mark.start, Math.min(mark.end, mark.start + 1))[0];
        if (!rect) continue;
        top = rect.top - textTop;
        cached.set(mark.start, top);
      }
      // Marks run down the text: until the first frame is out, none past the screen is placed.
      if (!wide.current && top + textTop - base > viewBottom) break;
      wanted.push([mark.key, top + textTop - base]);
    }
    const passage = editingPassage.current;
    const passageRect = passage ? rectsOf(container, passage.start, Math.min(passage.end, passage.start + 1))[0] : null;
    // (The editor first among cards at the same height: it is what the reader is looking at.)
    if (passageRect) wanted.push([EDITOR_KEY, passageRect.top - base - 0.5]);
    wanted.sort((a, b) => a[1] - b[1]);
    let next = (margin.querySelector<HTMLElement>('.margin-top')?.offsetHeight ?? 0) + 8;
    const tops: Record<string, number> = {};
    const visible = new Set<string>();
    // A card not yet rendered is assumed as tall as those that were.
    const typical = heights.current.size > 0 ? Math.round([...heights.current.values()].reduce((a, b) => a + b, 0) / heights.current.size) : 120;
    assumedHeights.current.clear();
    for (const [key, want] of wanted) {
      const top = Math.max(want, next);
      const height = heights.current.get(key) ?? typical;
      tops[key] = top;
      if ((top + height > viewTop && top < viewBottom) || key === EDITOR_KEY) {
        visible.add(key);
        assumedHeights.current.set(key, height);
      }
      next = top + height + 8;
    }
    setPlaced((old) => (old.height === next && old.visible && sameSet(old.visible, visible) && sameTops(old.tops, tops) ? old : { tops, height: next, visible }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- made once: it reads only refs and setters
  }, []);
  useLayoutEffect(layout, [layout, changes]);
  // Cards rendered taller or shorter than they were placed with are placed again.
  useLayoutEffect(() => {
    const margin = marginRef.current;
    if (!margin) return;
    for (const card of margin.querySelectorAll<HTMLElement>(PLACED)) {
      // (A card rendered for another reason, the one being edited say, was measured by the last layout.)
      const key = card.dataset.key!;
      if ((assumedHeights.current.get(key) ?? heights.current.get(key)) !== card.offsetHeight) return layout();
    }
  });
  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(layout);
    };
    const unsubscribe = onViewportChange(scrollRoot?.current, onScroll);
    // Paragraphs laid out for the first time as the reader nears them change the text's height.
    const resized = new ResizeObserver(onScroll);
    if (textRef.current) resized.observe(textRef.current);
    return () => {
      resized.disconnect();
      cancelAnimationFrame(frame);
      unsubscribe();
    };
  }, [layout, textRef, scrollRoot]);

  return { placed, listLimit, setListLimit };
}
