/**
 * Highlights painted with the CSS Custom Highlight API: ranges registered with the browser, styled by
 * `::highlight(…)` in styles.css. The source text's DOM is never touched, so a note arriving costs no
 * re-render or re-layout of the text, and a reader's selection is never disturbed by one.
 */
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { Visibility } from '~/lib/notes/visibility';
import { offsetAtPoint, rectsOf, staticRangeOf, textOnScreen } from '~/lib/notes/selection';
import { viewportOf } from '~/lib/notes/viewport';

/** A highlighted range of the canonical text, with the note it belongs to. */
export interface Mark {
  start: number;
  end: number;
  /** The note's key ("<author>:<id>"). */
  key: string;
  visibility: Visibility;
}

/**
 * The highlights' styles; later ones paint over earlier ones. Each reader on a page registers them
 * under its own scope (`<scope>hl-class`…), so two readers side by side never paint each other's text.
 */
const STYLES = {
  'hl-private': 'background-color: rgba(129, 199, 132, 0.45);',
  'hl-staff': 'background-color: rgba(186, 104, 200, 0.35);',
  'hl-class': 'background-color: rgba(255, 213, 79, 0.45);',
  'hl-depth-2': 'background-color: rgba(255, 170, 0, 0.3);',
  'hl-depth-3': 'background-color: rgba(255, 140, 0, 0.5);',
  'hl-focused': 'text-decoration: underline 3px var(--accent);',
} as const;
// The words a search found, when the reader is opened from its results (`?mark=`): over the notes' colours.
const SEARCH_MATCH = { name: 'search-match', style: 'background-color: rgba(255, 152, 0, 0.5); text-decoration: underline 2px #a34f00;' } as const;
// The people index's mentions, when the reader's People toggle is on: under the notes' colours.
const PEOPLE_MENTION = { name: 'people-mention', style: 'text-decoration: underline dotted 2px #2f5d8a; background-color: rgba(47, 93, 138, 0.1);' } as const;
// A seminar's spotlight (app/components/seminar/): over everything, for the whole class at once.
const SPOTLIGHT = { name: 'spotlight', style: 'background-color: rgba(255, 214, 10, 0.75); color: #1b1b1b; text-decoration: underline 3px #c0392b;' } as const;
type Name = keyof typeof STYLES;
const NAMES = Object.keys(STYLES) as Name[];

/** A style element of the page's head with `rules`, made once per id. */
function styleElement(id: string): HTMLStyleElement {
  let style = document.getElementById(id) as HTMLStyleElement | null;
  if (!style) {
    style = document.createElement('style');
    style.id = id;
    document.head.append(style);
  }
  return style;
}

/** Registers the highlight styles of `scope` (once per scope and page). */
function ensureStyles(scope: string) {
  const style = styleElement(`${scope}highlight-styles`);
  if (!style.textContent) {
    style.textContent = [
      ...NAMES.map((name) => `::highlight(${scope}${name}) { ${STYLES[name]} }`),
      `::highlight(${scope}${SEARCH_MATCH.name}) { ${SEARCH_MATCH.style} }`,
      `::highlight(${scope}${PEOPLE_MENTION.name}) { ${PEOPLE_MENTION.style} }`,
      `::highlight(${scope}${SPOTLIGHT.name}) { ${SPOTLIGHT.style} }`,
    ].join('\n');
  }
}

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/**
 * Paints `marks` over the source text in `container`: one colour per visibility, darker where two or
 * three notes overlap, the focused note underlined. Replaces whatever was painted before. With
 * `within`, only the marks reaching into that stretch of text.
 */
export function paintHighlights(container: HTMLElement, allMarks: Mark[], focused: string | null, scope: string, within?: { start: number; end: number }): void {
  if (!highlightsSupported()) return;
  ensureStyles(scope);
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
    CSS.highlights.set(`${scope}${name}`, highlight);
  });
  // For whoever measures when a note reaches the screen (npm run bench:reader).
  container.dispatchEvent(new CustomEvent(PAINTED_EVENT, { detail: { keys: new Set(marks.map((m) => m.key)) }, bubbles: true }));
}

/** Dispatched on the text after highlights are painted; `detail.keys` holds the painted notes' keys. */
export const PAINTED_EVENT = 'plenum:highlights-painted';

export function clearHighlights(scope: string): void {
  if (!highlightsSupported()) return;
  for (const name of NAMES) CSS.highlights.delete(`${scope}${name}`);
  CSS.highlights.delete(`${scope}${SEARCH_MATCH.name}`);
  clearPresence(scope);
}

/** Another reader's current selection, shown faintly in their colour. */
export interface PresenceMark {
  start: number;
  end: number;
  /** As the sync server stamps it: one of a few `#rrggbb` colours (server/sync/presence.ts). */
  color: string;
}


/**
 * Paints other readers' selections over the text: one highlight per colour, and a rule per colour in
 * a style element of its own (highlight styles cannot come from the ranges). Replaces what was there.
 */
export function paintPresence(container: HTMLElement, presence: PresenceMark[], scope: string): void {
  if (!highlightsSupported()) return;
  clearPresence(scope);
  const byColor = new Map<string, StaticRange[]>();
  for (const p of presence) {
    // A colour is written into a style sheet: only the server's plain hex colours are taken.
    if (!/^#[0-9a-f]{6}$/i.test(p.color) || p.end <= p.start) continue;
    const range = staticRangeOf(container, p.start, p.end);
    if (range) byColor.set(p.color, [...(byColor.get(p.color) ?? []), range]);
  }
  const rules: string[] = [];
  for (const [color, ranges] of byColor) {
    const name = `${scope}presence-${color.slice(1).toLowerCase()}`;
    CSS.highlights.set(name, new Highlight(...ranges));
    rules.push(`::highlight(${name}) { background-color: ${color}2e; text-decoration: underline 2px ${color}99; }`);
  }
  styleElement(`${scope}presence-highlights`).textContent = rules.join('\n');
}

function clearPresence(scope: string): void {
  for (const name of [...CSS.highlights.keys()]) if (name.startsWith(`${scope}presence-`)) CSS.highlights.delete(name);
  document.getElementById(`${scope}presence-highlights`)?.replaceChildren();
}

/** The marks covering text offset `offset`, innermost (latest start) first. */
export function marksAt(marks: Mark[], offset: number): Mark[] {
  return marks.filter((m) => m.start <= offset && offset < m.end).sort((a, b) => b.start - a.start);
}

export interface HighlightOptions {
  textRef: RefObject<HTMLElement>;
  marks: Mark[];
  focused: string | null;
  /** Other readers' selections. */
  presence: PresenceMark[];
  /** A string naming what was drawn: the marks are painted again when it changes. */
  changes: string;
  /** The text's markup: new markup means new text nodes for the ranges. */
  markup: unknown;
  /** Prefixes this reader's highlight names ('' for the page's one reader). */
  scope: string;
  /** The element the text scrolls in; none: the window. */
  scrollRoot?: RefObject<HTMLElement>;
}

/**
 * Paints `marks` and other readers' selections over the text in `textRef` whenever what was drawn,
 * the focus, the presence or the text's markup changes, and clears them when the reader goes. Returns
 * the hit test a click or the pointer uses — highlights are not elements — and the marks as last painted.
 */
export function useHighlights({ textRef, marks, focused, presence, changes, markup, scope, scrollRoot }: HighlightOptions) {
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
    const view = viewportOf(scrollRoot?.current);
    const onScreen = !paintedOnce.current && marksRef.current.length > 0 ? textOnScreen(container, (view.bottom - view.top) / 4, view) : null;
    paintHighlights(container, marksRef.current, focused, scope, onScreen ?? undefined);
    paintedOnce.current ||= marksRef.current.length > 0;
    if (!onScreen) return;
    let later = 0;
    const frame = requestAnimationFrame(() => (later = window.setTimeout(() => paintHighlights(container, marksRef.current, focused, scope))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(later);
    };
  }, [textRef, focused, changes, markup, scope, scrollRoot]);
  useLayoutEffect(() => {
    if (textRef.current) paintPresence(textRef.current, presenceRef.current, scope);
  }, [textRef, presenceKey, markup, scope]);
  useEffect(() => () => clearHighlights(scope), [scope]);
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

/** Marks `matches` of the source text (a search's words) until the reader goes. */
export function paintSearchMatches(container: HTMLElement, matches: readonly { start: number; end: number }[], scope: string): void {
  if (!highlightsSupported()) return;
  ensureStyles(scope);
  const ranges = matches.map((m) => staticRangeOf(container, m.start, m.end)).filter((r): r is StaticRange => r !== null);
  const highlight = new Highlight(...ranges);
  highlight.priority = NAMES.length;
  CSS.highlights.set(`${scope}${SEARCH_MATCH.name}`, highlight);
}

/** Marks the people index's mentions in the text (none: clears them). */
export function paintPeopleMentions(container: HTMLElement, mentions: readonly { start: number; end: number }[], scope: string): void {
  if (!highlightsSupported()) return;
  if (mentions.length === 0) {
    CSS.highlights.delete(`${scope}${PEOPLE_MENTION.name}`);
    return;
  }
  ensureStyles(scope);
  const highlight = new Highlight(...mentions.map((m) => staticRangeOf(container, m.start, m.end)).filter((r): r is StaticRange => r !== null));
  // Below every note's colour: a mention is a hint, the class's notes are what the reader is for.
  highlight.priority = -1;
  CSS.highlights.set(`${scope}${PEOPLE_MENTION.name}`, highlight);
}

/** Marks the seminar's spotlit passage (null: clears it). */
export function paintSpotlight(container: HTMLElement, passage: { start: number; end: number } | null, scope: string): void {
  if (!highlightsSupported()) return;
  const range = passage && passage.end > passage.start ? staticRangeOf(container, passage.start, passage.end) : null;
  if (!range) {
    CSS.highlights.delete(`${scope}${SPOTLIGHT.name}`);
    return;
  }
  ensureStyles(scope);
  const highlight = new Highlight(range);
  highlight.priority = NAMES.length + 1;
  CSS.highlights.set(`${scope}${SPOTLIGHT.name}`, highlight);
}
