/**
 * React hook: a reader's part in the live seminar, through the course's seminar room, for the single reader
 * (one side) or the compare view (two). The leader's reader publishes where each side is (presence, at most
 * every LEAD_INTERVAL_MS); a joined member's reader follows it
 * until they scroll themselves (wheel, touch, keys), and follows again with one click. The leader sees
 * how many follow and how many read on their own. docs/seminar-mode.md.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useRoom } from '~/lib/notes/use-room';
import { paintSpotlight } from '~/components/reader/highlights';
import {
  currentSpotlight,
  LEAD_INTERVAL_MS,
  leadSchema,
  seminarRoomName,
  setSpotlight,
  spotlitPassage,
  type Lead,
  type SeminarMode,
  type Spotlight,
  type SpotlightTarget,
} from '~/lib/seminar/model';
import type { LiveSeminarView } from './use-live-seminar';
import { readerPosition, scrollDeltaTo } from './reader-position';

export interface SeminarReader {
  leading: boolean;
  /** A follower's mode; the leader's is always 'own'. */
  mode: SeminarMode;
  setMode(mode: SeminarMode): void;
  /** Whether the leader's reader is in the room now. */
  leaderHere: boolean;
  /** For the leader: members (not instructors) following, and reading on their own. */
  counts: { following: number; own: number };
  /** What the leader spotlights now, and whether it is on a source this reader shows. */
  spotlight: Spotlight | null;
  spotlitHere: boolean;
  /** The leader: spotlights `target` (null clears it). */
  setSpotlight(target: SpotlightTarget | null): void;
  /** Scrolls the spotlight into view. */
  showSpotlight(): void;
}

type PresenceState = { user?: { id: string; role: string }; lead?: unknown; seminarMode?: SeminarMode | null };

const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' ']);

function leadOf(states: Map<number, PresenceState>, seminar: LiveSeminarView): Lead | null {
  for (const state of states.values()) {
    if (state.user?.id !== seminar.leaderId || !state.lead) continue;
    const lead = leadSchema.safeParse(state.lead).data;
    if (lead?.seminarId === seminar.id) return lead;
  }
  return null;
}

type Source = { id: string; version: number; text: string };

/**
 * One source a reader shows: the single reader has one, the compare view two. `root` holds its text;
 * `scroller` is the element it scrolls in (a compare view's side; none: the window); `scope` prefixes its
 * highlight names.
 */
export interface SeminarSide {
  source: Source;
  root: RefObject<HTMLElement>;
  scroller?: RefObject<HTMLElement>;
  scope?: string;
}

/** The element a side scrolls in, if it scrolls by itself now (a phone's compare view scrolls the window). */
function scrollerOf(side: SeminarSide): HTMLElement | null {
  const element = side.scroller?.current ?? null;
  return element && /auto|scroll/.test(getComputedStyle(element).overflowY) ? element : null;
}

/** Where a side's reading line is on screen: the window's top, or under a compare side's sticky header. */
function lineOf(side: SeminarSide): number {
  const scroller = scrollerOf(side);
  if (!scroller) return 0;
  const header = scroller.querySelector('.side-header');
  return header ? header.getBoundingClientRect().bottom : scroller.getBoundingClientRect().top;
}

/** Whether a side is laid out (a phone shows one side of the compare view at a time). */
const shownNow = (side: SeminarSide) => (side.root.current?.getClientRects().length ?? 0) > 0;

function scrollSideBy(side: SeminarSide, delta: number) {
  const scroller = scrollerOf(side);
  const target = scroller ?? window;
  const height = scroller?.clientHeight ?? window.innerHeight;
  // Smooth within a screen or so; a jump further is made at once (a long smooth scroll would trail behind).
  target.scrollBy({ top: delta, behavior: Math.abs(delta) < height * 1.5 ? 'smooth' : 'instant' });
}

/** Scrolls the ¶ holding `offset` of a side's text to the middle of its screen. */
function scrollToOffset(root: HTMLElement, offset: number) {
  const block = [...root.querySelectorAll<HTMLElement>('.source-text > .block')].find((b) => Number(b.dataset.start) <= offset && offset < Number(b.dataset.end));
  block?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

export function useSeminar(props: {
  courseId: string;
  seminar: LiveSeminarView | null;
  me: { id: string };
  sides: SeminarSide[];
  /** The projector view follows whatever happens: scrolling it does not break away. */
  alwaysFollow?: boolean;
}): SeminarReader | null {
  const { seminar } = props;
  // The sides, current in every listener without re-subscribing when the caller makes a new array.
  const sides = useRef(props.sides);
  sides.current = props.sides;
  const sourceIds = props.sides.map((s) => s.source.id).join();
  const room = useRoom(seminar ? seminarRoomName(props.courseId) : null, props.me.id);
  const awareness = room?.awareness ?? null;
  const [mode, setMode] = useState<SeminarMode>('follow');
  const leading = seminar?.leading ?? false;
  const following = useRef(mode === 'follow');
  following.current = mode === 'follow' && !leading;

  // The leader: where each shown side is, whenever one scrolls, at most every LEAD_INTERVAL_MS.
  useEffect(() => {
    if (!awareness || !seminar || !leading) return;
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const publish = () => {
      timer = undefined;
      last = performance.now();
      const at = sides.current.flatMap((side) => {
        const position = side.root.current && shownNow(side) ? readerPosition(side.root.current, side.source.id, lineOf(side)) : null;
        return position ? [position] : [];
      });
      if (at.length > 0) awareness.setLocalStateField('lead', { seminarId: seminar.id, at } satisfies Lead);
    };
    const onScroll = () => {
      if (timer !== undefined) return;
      timer = setTimeout(publish, Math.max(0, LEAD_INTERVAL_MS - (performance.now() - last)));
    };
    publish();
    const scrollers = sides.current.map((s) => s.scroller?.current).filter((e): e is HTMLElement => Boolean(e));
    for (const target of [window, ...scrollers]) target.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const target of [window, ...scrollers]) target.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      awareness.setLocalStateField('lead', null);
    };
  }, [awareness, seminar, leading, sourceIds]);

  // A follower: says whether they follow, and follows the leader's position, side by side, as it arrives.
  useEffect(() => {
    if (!awareness || !seminar || leading) return;
    awareness.setLocalStateField('seminarMode', mode);
  }, [awareness, seminar, leading, mode]);

  useEffect(() => {
    if (!awareness || !seminar || leading) return;
    const follow = () => {
      if (!following.current) return;
      const lead = leadOf(awareness.getStates() as Map<number, PresenceState>, seminar);
      for (const side of sides.current) {
        const at = lead?.at.find((p) => p.documentId === side.source.id);
        const delta = at && side.root.current && shownNow(side) ? scrollDeltaTo(side.root.current, at, lineOf(side)) : null;
        if (delta !== null && Math.abs(delta) >= 2) scrollSideBy(side, delta);
      }
    };
    follow();
    awareness.on('change', follow);
    return () => awareness.off('change', follow);
  }, [awareness, seminar, leading, sourceIds, mode]);

  // Scrolling oneself breaks away (the follower's own scrolling is never fought).
  const alwaysFollow = props.alwaysFollow ?? false;
  useEffect(() => {
    if (!seminar || leading || alwaysFollow) return;
    const breakAway = () => {
      if (following.current) setMode('own');
    };
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      // Keys that scroll the page, but not while typing or choosing (and Space on a button presses it).
      if (!SCROLL_KEYS.has(event.key) || target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (event.key === ' ' && target?.closest('button, a')) return;
      breakAway();
    };
    window.addEventListener('wheel', breakAway, { passive: true });
    window.addEventListener('touchmove', breakAway, { passive: true });
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('wheel', breakAway);
      window.removeEventListener('touchmove', breakAway);
      window.removeEventListener('keydown', onKey);
    };
  }, [seminar, leading, alwaysFollow]);

  // The spotlight: marked in the text of the side it is on (and its note's card), and brought into view for
  // followers when it changes.
  const spotlight = room && seminar ? currentSpotlight(room.doc, seminar.id) : null;
  const placed = props.sides.map((side) => spotlitPassage(spotlight?.target ?? null, side.source));
  const spotlitKey = spotlight?.target?.type === 'note' ? spotlight.target.key : null;
  const placedKey = placed.map((p) => (p ? `${p.start}-${p.end}` : '')).join();
  useEffect(() => {
    const painted = sides.current.map((side, i) => {
      const text = side.root.current?.querySelector<HTMLElement>('.source-text');
      if (text) paintSpotlight(text, placed[i] ?? null, side.scope ?? '');
      return text ? { text, scope: side.scope ?? '' } : null;
    });
    // The card by a style rule, not an attribute: the margin may mount the card again at any time.
    const style = spotlitKey ? document.head.appendChild(document.createElement('style')) : null;
    if (style) style.textContent = `.note-card[data-key="${CSS.escape(spotlitKey!)}"] { box-shadow: 0 0 0 3px var(--spotlight); }`;
    return () => {
      for (const p of painted) if (p) paintSpotlight(p.text, null, p.scope);
      style?.remove();
    };
  }, [placedKey, spotlitKey]); // eslint-disable-line react-hooks/exhaustive-deps -- the passages' offsets, not their objects
  const show = () => {
    sides.current.forEach((side, i) => {
      const at = placed[i];
      if (at && side.root.current) scrollToOffset(side.root.current, at.start);
    });
  };
  const spotlightId = spotlight?.id ?? null;
  useEffect(() => {
    if (spotlightId && following.current) show();
  }, [spotlightId]); // eslint-disable-line react-hooks/exhaustive-deps -- only when a new spotlight arrives

  if (!seminar) return null;
  const states = (awareness?.getStates() ?? new Map()) as Map<number, PresenceState>;
  const modes = new Map<string, SeminarMode>();
  for (const state of states.values()) {
    if (!state.user || state.user.role === 'instructor' || !state.seminarMode) continue;
    // One member in several tabs counts once: as following if any tab follows.
    if (modes.get(state.user.id) !== 'follow') modes.set(state.user.id, state.seminarMode);
  }
  const counts = { following: [...modes.values()].filter((m) => m === 'follow').length, own: [...modes.values()].filter((m) => m === 'own').length };
  return {
    leading,
    mode: leading ? 'own' : mode,
    setMode,
    leaderHere: leadOf(states, seminar) !== null,
    counts,
    spotlight,
    spotlitHere: placed.some((p) => p !== null),
    setSpotlight: (target) => {
      if (room && leading) setSpotlight(room.doc, props.me.id, seminar.id, target);
    },
    showSpotlight: show,
  };
}
