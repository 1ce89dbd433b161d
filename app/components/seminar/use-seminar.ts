/**
 * React hook: a reader's part in the live seminar, through the course's seminar room. The leader's reader
 * publishes where it is (presence, at most every LEAD_INTERVAL_MS); a joined member's reader follows it
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
  /** What the leader spotlights now, and where it is on this reader's source (null: elsewhere). */
  spotlight: Spotlight | null;
  spotlit: { start: number; end: number } | null;
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

/** Scrolls the ¶ holding `offset` of the reader's text to the middle of the screen. */
function scrollToOffset(root: HTMLElement, offset: number) {
  const block = [...root.querySelectorAll<HTMLElement>('.source-text > .block')].find((b) => Number(b.dataset.start) <= offset && offset < Number(b.dataset.end));
  block?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

export function useSeminar(props: {
  courseId: string;
  seminar: LiveSeminarView | null;
  me: { id: string };
  source: Source;
  root: RefObject<HTMLElement>;
  /** The projector view follows whatever happens: scrolling it does not break away. */
  alwaysFollow?: boolean;
}): SeminarReader | null {
  const { seminar, source, root } = props;
  const documentId = source.id;
  const room = useRoom(seminar ? seminarRoomName(props.courseId) : null, props.me.id);
  const awareness = room?.awareness ?? null;
  const [mode, setMode] = useState<SeminarMode>('follow');
  const leading = seminar?.leading ?? false;
  const following = useRef(mode === 'follow');
  following.current = mode === 'follow' && !leading;

  // The leader: where the reader is, whenever it scrolls, at most every LEAD_INTERVAL_MS.
  useEffect(() => {
    if (!awareness || !seminar || !leading) return;
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const publish = () => {
      timer = undefined;
      last = performance.now();
      const at = root.current && readerPosition(root.current, documentId);
      if (at) awareness.setLocalStateField('lead', { seminarId: seminar.id, at: [at] } satisfies Lead);
    };
    const onScroll = () => {
      if (timer !== undefined) return;
      timer = setTimeout(publish, Math.max(0, LEAD_INTERVAL_MS - (performance.now() - last)));
    };
    publish();
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll, { passive: true });
    return () => {
      clearTimeout(timer);
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      awareness.setLocalStateField('lead', null);
    };
  }, [awareness, seminar, leading, documentId, root]);

  // A follower: says whether they follow, and follows the leader's position as it arrives.
  useEffect(() => {
    if (!awareness || !seminar || leading) return;
    awareness.setLocalStateField('seminarMode', mode);
  }, [awareness, seminar, leading, mode]);

  useEffect(() => {
    if (!awareness || !seminar || leading) return;
    const follow = () => {
      if (!following.current || !root.current) return;
      const at = leadOf(awareness.getStates() as Map<number, PresenceState>, seminar)?.at.find((p) => p.documentId === documentId);
      const delta = at ? scrollDeltaTo(root.current, at) : null;
      if (delta === null || Math.abs(delta) < 2) return;
      // Smooth within a screen or so; a jump further is made at once (a long smooth scroll would trail behind).
      window.scrollBy({ top: delta, behavior: Math.abs(delta) < window.innerHeight * 1.5 ? 'smooth' : 'instant' });
    };
    follow();
    awareness.on('change', follow);
    return () => awareness.off('change', follow);
  }, [awareness, seminar, leading, documentId, root, mode]);

  // Scrolling oneself breaks away (the follower's own scrolling is never fought).
  const alwaysFollow = props.alwaysFollow ?? false;
  useEffect(() => {
    if (!seminar || leading || alwaysFollow) return;
    const breakAway = () => {
      if (following.current) setMode('own');
    };
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (SCROLL_KEYS.has(event.key) && !target?.closest('input, textarea, select, [contenteditable="true"], button')) breakAway();
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

  // The spotlight: marked in the text (and its note's card), and brought into view for followers when it changes.
  const spotlight = room && seminar ? currentSpotlight(room.doc, seminar.id) : null;
  const spotlit = spotlitPassage(spotlight?.target ?? null, source);
  const spotlitKey = spotlight?.target?.type === 'note' ? spotlight.target.key : null;
  useEffect(() => {
    const text = root.current?.querySelector<HTMLElement>('.source-text');
    if (!text) return;
    paintSpotlight(text, spotlit, '');
    // The card by a style rule, not an attribute: the margin may mount the card again at any time.
    const style = spotlitKey ? document.head.appendChild(document.createElement('style')) : null;
    if (style) style.textContent = `.note-card[data-key="${CSS.escape(spotlitKey!)}"] { box-shadow: 0 0 0 3px var(--spotlight); }`;
    return () => {
      paintSpotlight(text, null, '');
      style?.remove();
    };
  }, [root, spotlit?.start, spotlit?.end, spotlitKey]); // eslint-disable-line react-hooks/exhaustive-deps -- the passage's offsets, not its object
  const spotlightId = spotlight?.id ?? null;
  useEffect(() => {
    if (spotlightId && spotlit && following.current && root.current) scrollToOffset(root.current, spotlit.start);
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
    spotlit,
    setSpotlight: (target) => {
      if (room && leading) setSpotlight(room.doc, props.me.id, seminar.id, target);
    },
    showSpotlight: () => {
      if (spotlit && root.current) scrollToOffset(root.current, spotlit.start);
    },
  };
}
