/**
 * Highlights painted with the CSS Custom Highlight API: ranges registered with the browser, styled by
 * `::highlight(…)` in styles.css. The source text's DOM is never touched, so a note arriving costs no
 * re-render or re-layout of the text, and a reader's selection is never disturbed by one.
 */
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { Visibility } from './visibility';
import { offsetAtPoint, rectsOf, staticRangeOf, textOnScreen } from './selection';

/** A highlighted range of the canonical text, with the note it belongs to. */
export interface Mark {
  start: number;
  end: number;
  /** The note's key ("<author>:<id>"). */
  key: string;
  visibility: Visibility;
}

/** The names styles.css gives a style; later ones paint over earlier ones. */
const NAMES = ['hl-private', 'hl-staff', 'hl-class', 'hl-depth-2', 'hl-depth-3', 'hl-focused'] as const;
type Name = (typeof NAMES)[number];

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/**
 * Paints `marks` over the source text in `container`: one colour per visibility, darker where two or
 * three notes overlap, the focused note underlined. Replaces whatever was painted before. With
 * `within`, only the marks reaching into that stretch of text.
 */
export function paintHighlights(container: HTMLElement, allMarks: Mark[], focused: string | null, within?: { start: number; end: number }): void {
  if (!highlightsSupported()) return;
  const marks = within ? allMarks.filter((m) => m.end > within.start && m.start < within.end) : allMarks;
  const ranges = new Map<Name, StaticRange[]>(NAMES.map((name) => [name, []]));
  const add = (name: Name, start: number, end: number) => {
    const range = end > start ? staticRangeOf(container, start, end) : null;
    if (range) ranges.get(name)!.push(range);
  };
  for (const mark of marks) {
    add(`hl-${mark.visibility}`, mark.start, mark.end);
    if (mark.key === focused) add('hl-focused', mark.start, mark.end);
  }
  // Overlaps: sweep the marks' edges, counting how many cover each stretch of text.
  const edges = marks.flatMap((m) => [[m.start, 1] as const, [m.end, -1] as const]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let depth = 0;
  let from = 0;
  for (const [at, step] of edges) {
    if (depth >= 2 && at > from) add(depth >= 3 ? 'hl-depth-3' : 'hl-depth-2', from, at);
    depth += step;
    from = at;
  }
  NAMES.forEach((name, priority) => {
    const highlight = new Highlight(...ranges.get(name)!);
    highlight.priority = priority;
    CSS.highlights.set(name, highlight);
  });
  // For whoever measures when a note reaches the screen (npm run bench:reader).
  container.dispatchEvent(new CustomEvent(PAINTED_EVENT, { detail: { keys: new Set(marks.map((m) => m.key)) }, bubbles: true }));
}

/** Dispatched on the text after highlights are painted; `detail.keys` holds the painted notes' keys. */
export const PAINTED_EVENT = 'plenum:highlights-painted';

export function clearHighlights(): void {
  if (!highlightsSupported()) return;
  for (const name of NAMES) CSS.highlights.delete(name);
  clearPresence();
}

/** Another reader's current selection, shown faintly in their colour. */
export interface PresenceMark {
  start: number;
  end: number;
  /** As the sync server stamps it: one of a few `#rrggbb` colours (server/sync/presence.ts). */
  color: string;
}

const PRESENCE_STYLE_ID = 'presence-highlights';

/**
 * Paints other readers' selections over the text: one highlight per colour, and a rule per colour in
 * a style element of its own (highlight styles cannot come from the ranges). Replaces what was there.
 */
export function paintPresence(container: HTMLElement, presence: PresenceMark[]): void {
  if (!highlightsSupported()) return;
  clearPresence();
  const byColor = new Map<string, StaticRange[]>();
  for (const p of presence) {
    // A colour is written into a style sheet: only the server's plain hex colours are taken.
    if (!/^#[0-9a-f]{6}$/i.test(p.color) || p.end <= p.start) continue;
    const range = staticRangeOf(container, p.start, p.end);
    if (range) byColor.set(p.color, [...(byColor.get(p.color) ?? []), range]);
  }
  const rules: string[] = [];
  for (const [color, ranges] of byColor) {
    const name = `presence-${color.slice(1).toLowerCase()}`;
    CSS.highlights.set(name, new Highlight(...ranges));
    rules.push(`::highlight(${name}) { background-color: ${color}2e; text-decoration: underline 2px ${color}99; }`);
  }
  let style = document.getElementById(PRESENCE_STYLE_ID);
  if (!style) {
    style = document.createElement('style');
    style.id = PRESENCE_STYLE_ID;
    document.head.append(style);
  }
  style.textContent = rules.join('\n');
}

function clearPresence(): void {
  for (const name of [...CSS.highlights.keys()]) if (name.startsWith('presence-')) CSS.highlights.delete(name);
  document.getElementById(PRESENCE_STYLE_ID)?.replaceChildren();
}

/** The marks covering text offset `offset`, innermost (latest start) first. */
export function marksAt(marks: Mark[], offset: number): Mark[] {
  return marks.filter((m) => m.start <= offset && offset < m.end).sort((a, b) => b.start - a.start);
}

/**
 * Paints `marks` and other readers' selections over the text in `textRef` whenever `changes` (a string
 * naming what was drawn), the focus, the presence or the text's markup (`markup`: new markup means new
 * text nodes for the ranges) changes, and clears them when the reader goes. Returns the hit test a click
 * or the pointer uses — highlights are not elements — and the marks as last painted.
 */
export function useHighlights(textRef: RefObject<HTMLElement>, marks: Mark[], focused: string | null, presence: PresenceMark[], changes: string, markup: unknown) {
  const marksRef = useRef(marks);
  marksRef.current = marks;
  const presenceRef = useRef(presence);
  presenceRef.current = presence;
  const presenceKey = presence.map((p) => `${p.color}@${p.start}-${p.end}`).join(',');
  // The first paint does the text on screen (and a quarter screen about it) first and the rest once that
  // frame is out: on a long source with many notes, creating every range is most of the time to first highlights.
  const paintedOnce = useRef(false);
  useLayoutEffect(() => {
    const container = textRef.current;
    if (!container) return;
    const onScreen = !paintedOnce.current && marksRef.current.length > 0 ? textOnScreen(container, window.innerHeight / 4) : null;
    paintHighlights(container, marksRef.current, focused, onScreen ?? undefined);
    paintedOnce.current ||= marksRef.current.length > 0;
    if (!onScreen) return;
    let later = 0;
    const frame = requestAnimationFrame(() => (later = window.setTimeout(() => paintHighlights(container, marksRef.current, focused))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(later);
    };
  }, [textRef, focused, changes, markup]);
  useLayoutEffect(() => {
    if (textRef.current) paintPresence(textRef.current, presenceRef.current);
  }, [textRef, presenceKey, markup]);
  useEffect(() => clearHighlights, []);
  /** The note under a point of the screen: the innermost highlight there, if the point is on its text. */
  const noteAt = (x: number, y: number): string | null => {
    const container = textRef.current;
    const offset = container ? offsetAtPoint(container, x, y) : null;
    if (offset === null) return null;
    for (const mark of marksAt(marksRef.current, offset)) {
      const rects = rectsOf(container!, Math.max(mark.start, offset - 1), Math.min(mark.end, offset + 1));
      if (rects.some((r) => x >= r.left - 1 && x <= r.right + 1 && y >= r.top && y <= r.bottom)) return mark.key;
    }
    return null;
  };
  return { noteAt, marksRef };
}
