/**
 * The reader with the class's margin notes: highlights in the text, cards in the margin, live from
 * the course's rooms (class, the reader's own private room, and for instructors the staff room).
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { anchorOf } from '../../lib/anchoring/reanchor';
import { describePassage } from '../../lib/anchoring/selectors';
import { addNote, deleteNote, entryKey, readModFlags, readNotes, setHidden, updateNote } from '../../lib/notes/model';
import { draftKey } from '../../lib/drafts';
import { previewViews } from '../../lib/notes/first-paint';
import { useKeptNote } from '../../lib/notes/kept-note';
import { highlightsSupported, useHighlights, type Mark, type PresenceMark } from '../../lib/notes/highlights';
import { estimatedTop, rectsOf, restoreSelection, selectedPassage, textOnScreen } from '../../lib/notes/selection';
import { noteRoomName } from '../../lib/notes/rooms';
import { useRoom, type LiveRoom } from '../../lib/notes/use-room';
import { excerpt, newThreadAbout } from '../../lib/board/links';
import type { SourceBlock } from '../../lib/source-html';
import { SourceText } from '../source-text';
import type { NoteDraft, NoteView, Visibility } from '../../lib/notes/views';
import { NoteCard, type NoteActions } from './note-card';
import { NoteEditor } from './note-editor';
import { StatusChip } from './status-chip';

export interface AnnotatedReaderProps {
  courseId: string;
  documentId: string;
  documentVersion: number;
  text: string;
  blocks: SourceBlock[];
  me: { id: string; name: string };
  isInstructor: boolean;
  /** Display names of the course's members, by id. */
  names: Record<string, string>;
  /** The course's instructors: their notes are marked, so a namesake cannot pass for one. */
  instructorIds: string[];
  /** The notes as the server projected them, shown until the rooms arrive (lib/notes/first-paint.ts). */
  firstPaint?: string;
}

type Editing = { passage: { start: number; end: number } | null } | null;

/** The shortcut that turns the current selection into a note. */
export const ANNOTATE_SHORTCUT = { key: 'n', alt: true, label: 'Alt+N' };
/** The shortcut between a paragraph and its first note, and back to where it came from. */
export const JUMP_SHORTCUT = { code: 'KeyJ', label: 'Alt+J' };
/** Below this width the margin is a panel over the lower part of the text (styles.css says the same). */
const NARROW_SCREEN = '(max-width: 800px)';
/** How much of the screen the open panel may cover (styles.css: its max-height, 70vh). */
const PANEL_SHARE = 0.7;
/** What the margin places beside the text: the cards, and the editor of a note on a passage. */
const PLACED = '.anchored-cards > [data-key]';
const EDITOR_KEY = 'editor';

/** A new board thread about the selected passage: its first paragraph, with the quote as the label. */
function discussPassageLink(props: AnnotatedReaderProps, passage: { start: number; end: number }): string {
  const block = props.blocks.find((b) => b.start <= passage.start && passage.start < b.end) ?? props.blocks[0];
  const label = `¶ ${block?.number}: “${excerpt(props.text.slice(passage.start, passage.end))}”`;
  return newThreadAbout(props.courseId, `/c/${props.courseId}/d/${props.documentId}#b${block?.number}`, label);
}

/** Where the selection's tools go in the text column: level with its first line, measured now. */
/** The paragraph (block) of the text that holds `offset`. */
function blockAt(container: HTMLElement | null, offset: number): HTMLElement | null {
  for (const block of container?.querySelectorAll<HTMLElement>('[data-start][data-end]') ?? []) {
    if (Number(block.dataset.start) <= offset && offset < Number(block.dataset.end)) return block;
  }
  return null;
}

function selectionTop(container: HTMLElement | null, selection: { block: string; top: number }): number {
  const block = container?.querySelector<HTMLElement>(`[data-start="${selection.block}"]`);
  return block && container ? block.getBoundingClientRect().top - container.getBoundingClientRect().top + selection.top : 0;
}

/**
 * Whether every word is in the note's text, tags, author or quote, or a reply's text (what the reader
 * may see of it: a hidden note's text is searched only for its author and the instructors).
 */
function matchesWords(view: NoteView, words: string[], isInstructor: boolean, me: string): boolean {
  const readable = (v: NoteView) => !v.note.deleted && (!v.flag?.hidden || isInstructor || v.note.authorId === me);
  const parts = [view.authorName];
  if (readable(view)) parts.push(view.note.body, view.note.tags.join(' '), view.note.selectors?.quote.exact ?? '');
  for (const reply of view.replies) if (readable(reply)) parts.push(reply.note.body, reply.authorName);
  const haystack = parts.join('\n').toLocaleLowerCase();
  return words.every((w) => haystack.includes(w));
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((k) => b.has(k));
function sameTops(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export function AnnotatedReader(props: AnnotatedReaderProps) {
  const { courseId, documentId, me, isInstructor, text } = props;
  const at = { courseId, documentId, userId: me.id };
  const classRoom = useRoom(noteRoomName('class', at), me.id);
  const privateRoom = useRoom(noteRoomName('private', at), me.id);
  const staffRoom = useRoom(isInstructor ? noteRoomName('staff', at) : null, me.id);
  const rooms: [Visibility, LiveRoom | null][] = [
    ['class', classRoom],
    ['private', privateRoom],
    ['staff', staffRoom],
  ];
  const textRef = useRef<HTMLDivElement>(null);
  const marginRef = useRef<HTMLDivElement>(null);
  /** The selected passage, and where its first line is: how far below the top of its paragraph. */
  const [selection, setSelection] = useState<{ start: number; end: number; block: string; top: number } | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const keptNote = useKeptNote(draftKey(me.id, `note:${courseId}:${documentId}`), props.documentVersion, editing, setEditing);
  const [focused, setFocused] = useState<string | null>(null);
  const [tagFilter, setTagFilter] = useState('');
  const [authorFilter, setAuthorFilter] = useState('');
  const [visibilityFilter, setVisibilityFilter] = useState<'' | Visibility>('');
  const [textFilter, setTextFilter] = useState('');
  /** What Alt+J found nothing for, said aloud. */
  const [jumpNotice, setJumpNotice] = useState('');
  const [sort, setSort] = useState<'position' | 'time'>('position');
  /** On a narrow screen the margin is a panel over the text, opened on demand. */
  const [panelOpen, setPanelOpen] = useState(false);
  // The note editor is in the margin: writing a note (from a selection, the shortcut, or a draft kept
  // across a reload) opens the panel, or on a phone nothing would seem to happen.
  useEffect(() => {
    if (editing) setPanelOpen(true);
  }, [editing]);

  const versions = rooms.map(([, r]) => r?.version ?? -1).join(',');
  // The server's first paint, standing in for each room's notes until the room has arrived. Read in
  // the first render, on the server too, so hydration already holds the notes; the cards themselves are
  // rendered only once hydrated (their dates are in the reader's locale, which the server does not know).
  const [hydrated, setHydrated] = useState(false);
  useLayoutEffect(() => setHydrated(true), []);
  const preview = useMemo(
    () => (props.firstPaint ? previewViews(props.firstPaint, props.names, props.documentVersion, props.instructorIds) : null),
    [props.firstPaint, props.names, props.documentVersion, props.instructorIds],
  );
  // Anchors by note object: an unchanged note keeps its object (readNotes), so it is anchored once.
  const anchors = useRef(new WeakMap<object, NoteView['anchor']>());
  const views = useMemo(() => {
    const all: NoteView[] = [];
    for (const [visibility, room] of rooms) {
      // Until a room has arrived, the server's first paint stands in for the notes it does not hold
      // (the browser's copy may hold some already, and changes not yet sent).
      if (!room?.synced) {
        const held = new Set(room ? readNotes(room.doc).map((n) => entryKey(n.authorId, n.id)) : []);
        all.push(...(preview?.get(visibility) ?? []).filter((v) => !held.has(v.key)));
      }
      if (!room) continue;
      const flags = readModFlags(room.doc);
      for (const note of readNotes(room.doc)) {
        const key = entryKey(note.authorId, note.id);
        let anchor = anchors.current.get(note);
        if (anchor === undefined) {
          const selectors = note.selectors;
          anchor = selectors ? anchorOf(text, props.documentVersion, { documentVersion: note.documentVersion, ...selectors.position, quote: selectors.quote.exact }, selectors) : null;
          anchors.current.set(note, anchor);
        }
        all.push({ key, note, visibility, authorName: props.names[note.authorId] ?? 'Former member', byInstructor: props.instructorIds.includes(note.authorId), flag: flags.get(key) ?? null, anchor, replies: [] });
      }
    }
    const byKey = new Map(all.map((v) => [v.key, v]));
    const top: NoteView[] = [];
    for (const view of all) {
      if (view.note.kind === 'reply' && view.note.parentId && view.note.parentAuthorId) {
        byKey.get(entryKey(view.note.parentAuthorId, view.note.parentId))?.replies.push(view);
      } else if (view.note.kind === 'note') {
        top.push(view);
      }
    }
    for (const view of top) view.replies.sort((a, b) => a.note.createdAt - b.note.createdAt);
    // A deleted note with no replies is gone; with replies it stays as a placeholder.
    return top.filter((v) => !v.note.deleted || v.replies.length > 0 || (v.preview?.replies ?? 0) > 0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [versions, text, props.documentVersion, props.names, props.instructorIds, preview]);

  // (A hidden note's tags are offered only to those who may read it.)
  const tags = useMemo(
    () => [...new Set(views.flatMap((v) => (!v.flag?.hidden || isInstructor || v.note.authorId === me.id ? v.note.tags : [])))].sort(),
    [views, isInstructor, me.id],
  );
  const authors = useMemo(() => [...new Map(views.map((v) => [v.note.authorId, v.authorName]))].sort((a, b) => a[1].localeCompare(b[1])), [views]);
  // (Kept across renders for selections, focus, presence and placement: a thousand notes filtered and sorted.)
  const { pageNotes, orphans, anchored, marks, anchoredKeys } = useMemo(() => {
    const words = textFilter.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
    const shown = views
      .filter((v) => (!tagFilter || (v.note.tags.includes(tagFilter) && (!v.flag?.hidden || isInstructor || v.note.authorId === me.id))) && (!authorFilter || v.note.authorId === authorFilter) && (!visibilityFilter || v.visibility === visibilityFilter))
      .filter((v) => words.length === 0 || matchesWords(v, words, isInstructor, me.id))
      .sort((a, b) => (sort === 'time' ? b.note.createdAt - a.note.createdAt : (a.anchor?.start ?? -1) - (b.anchor?.start ?? -1)));
    const anchored = shown.filter((v) => v.anchor && v.anchor.status !== 'orphan');
    return {
      pageNotes: shown.filter((v) => v.anchor === null),
      orphans: shown.filter((v) => v.anchor?.status === 'orphan'),
      anchored,
      marks: anchored.map((v): Mark => ({ start: v.anchor!.start, end: v.anchor!.end, key: v.key, visibility: v.visibility })),
      anchoredKeys: anchored.map((v) => v.key).join(' '),
    };
  }, [views, tagFilter, authorFilter, visibilityFilter, textFilter, sort, isInstructor, me.id]);
  const filtering = Boolean(tagFilter || authorFilter || visibilityFilter || textFilter.trim());
  const matches = useMemo(() => [...pageNotes, ...orphans, ...anchored], [pageNotes, orphans, anchored]);
  /** Focuses the next (or previous) note that matches the filters, after the focused one. */
  const jump = (step: 1 | -1) => {
    if (matches.length === 0) return;
    const at = matches.findIndex((v) => v.key === focused);
    const next = matches[at < 0 ? (step === 1 ? 0 : matches.length - 1) : (at + step + matches.length) % matches.length]!;
    setFocused(next.key);
  };

  // Presence: who else reads this document now (one entry per person), and their selections.
  const awareness = classRoom?.awareness ?? null;
  const others = new Map<string, { name: string; color: string; instructor: boolean; selection?: { start: number; end: number } }>();
  awareness?.getStates().forEach((state, clientId) => {
    // `user` is the server's stamp (server/sync/presence.ts): who they are, not who they say they are.
    const user = (state as { user?: { id: string; name: string; color: string; role?: string } }).user;
    if (!user || clientId === awareness.clientID || user.id === me.id) return;
    const selection = (state as { selection?: { start: number; end: number } }).selection;
    others.set(user.id, { name: user.name, color: user.color, instructor: user.role === 'instructor', selection: selection ?? others.get(user.id)?.selection });
  });
  const presence: PresenceMark[] = [...others.values()].flatMap((o) =>
    o.selection && Number.isInteger(o.selection.start) && Number.isInteger(o.selection.end) && o.selection.end > o.selection.start
      ? [{ start: o.selection.start, end: o.selection.end, color: o.color }]
      : [],
  );
  useEffect(() => {
    awareness?.setLocalStateField('selection', selection ? { start: selection.start, end: selection.end } : null);
    // (Only when the passage changes: the selection's on-screen position does not concern classmates.)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [awareness, selection?.start, selection?.end]);

  // Highlights, painted again after every change to the notes shown.
  const { noteAt, marksRef } = useHighlights(textRef, marks, focused, presence, `${versions}|${anchoredKeys}`, props.blocks);

  const latestRooms = useRef(rooms);
  latestRooms.current = rooms;
  const roomFor = (visibility: Visibility) => latestRooms.current.find(([v]) => v === visibility)?.[1] ?? null;

  // One actions object for the component's life, so memoised cards do not re-render for it.
  const actions: NoteActions = useMemo(() => ({
    reply(parent, body) {
      const room = roomFor(parent.visibility);
      if (!room) return;
      addNote(room.doc, me.id, {
        id: crypto.randomUUID(),
        kind: 'reply',
        parentId: parent.note.id,
        parentAuthorId: parent.note.authorId,
        body,
        tags: [],
        selectors: null,
        documentVersion: props.documentVersion,
        createdAt: Date.now(),
        updatedAt: Date.now(),
        deleted: false,
      });
    },
    edit(view, change) {
      const room = roomFor(view.visibility);
      if (room) updateNote(room.doc, me.id, view.note.id, change);
    },
    remove(view) {
      const room = roomFor(view.visibility);
      if (room) deleteNote(room.doc, me.id, view.note.id);
    },
    setHidden(view, hidden, reason) {
      const room = roomFor(view.visibility);
      if (room) setHidden(room.doc, { authorId: view.note.authorId, noteId: view.note.id, hidden, reason, by: me.id });
    },
    focus(key) {
      setFocused(key);
    },
    permalink(view) {
      return `/c/${courseId}/d/${documentId}?note=${encodeURIComponent(view.key)}`;
    },
    discuss(view) {
      const quote = view.note.selectors ? ` on “${excerpt(view.note.selectors.quote.exact)}”` : '';
      return newThreadAbout(courseId, this.permalink(view), `${view.authorName}’s note${quote}`);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }), []);

  const create = (draft: NoteDraft) => {
    const room = roomFor(draft.visibility);
    if (!room) return;
    const passage = editing?.passage ?? null;
    const id = crypto.randomUUID();
    addNote(room.doc, me.id, {
      id,
      kind: 'note',
      parentId: null,
      parentAuthorId: null,
      body: draft.body,
      tags: draft.tags,
      selectors: passage ? describePassage(text, passage.start, passage.end) : null,
      documentVersion: props.documentVersion,
      createdAt: Date.now(),
      updatedAt: Date.now(),
      deleted: false,
    });
    setEditing(null);
    setSelection(null);
    window.getSelection()?.removeAllRanges();
    setFocused(entryKey(me.id, id));
  };

  // Selection → the Annotate button beside it. A selection lost because a live change re-rendered
  // the text under it is not the reader's doing: it is kept, and restored below.
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
  }, []);
  useLayoutEffect(() => {
    const container = textRef.current;
    if (!container || !selection || editing || userActed.current) return;
    const current = selectedPassage(container);
    if (!current || current.start !== selection.start || current.end !== selection.end) restoreSelection(container, selection.start, selection.end);
  });

  // The keyboard shortcut: the selected passage, or the whole paragraph whose ¶ number has focus.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey === ANNOTATE_SHORTCUT.alt && e.code === `Key${ANNOTATE_SHORTCUT.key.toUpperCase()}` && !e.ctrlKey && !e.metaKey) {
        let passage = textRef.current ? selectedPassage(textRef.current) : null;
        const block = document.activeElement?.closest<HTMLElement>('[data-start][data-end]');
        if (!passage && block && textRef.current?.contains(block)) passage = { start: Number(block.dataset.start), end: Number(block.dataset.end) };
        if (passage) {
          e.preventDefault();
          setEditing({ passage });
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // Alt+J: from a paragraph (its ¶ number, or a selection in it) to its first note; from a note back
  // to where the reader came from (or to its paragraph's number).
  const cameFrom = useRef<HTMLElement | null>(null);
  const latestAnchored = useRef(anchored);
  latestAnchored.current = anchored;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.code !== JUMP_SHORTCUT.code) return;
      const text = textRef.current;
      const active = document.activeElement as HTMLElement | null;
      const card = active?.closest<HTMLElement>('.note-card');
      if (card && marginRef.current?.contains(card)) {
        e.preventDefault();
        const view = latestAnchored.current.find((v) => v.key === card.dataset.key);
        const back = cameFrom.current?.isConnected ? cameFrom.current : view?.anchor ? blockAt(text, view.anchor.start)?.querySelector<HTMLElement>('.block-number') : null;
        cameFrom.current = null;
        back?.focus();
        return;
      }
      const selected = text ? selectedPassage(text) : null;
      const block = selected ? blockAt(text, selected.start) : active && text?.contains(active) ? active.closest<HTMLElement>('[data-start][data-end]') : null;
      if (!block) return;
      e.preventDefault();
      const [start, end] = [Number(block.dataset.start), Number(block.dataset.end)];
      const first = latestAnchored.current.filter((v) => v.anchor!.start < end && v.anchor!.end > start).sort((a, b) => a.anchor!.start - b.anchor!.start)[0];
      if (!first) return setJumpNotice(`No notes on this paragraph yet (¶ ${block.querySelector('.block-number')?.textContent?.replace(/\D+/g, '') ?? ''}).`);
      setJumpNotice('');
      cameFrom.current = active && active !== document.body ? active : block.querySelector<HTMLElement>('.block-number');
      setFocused(first.key);
      setPanelOpen(true);
      // (Already the focused note, the card would not take focus again by itself.)
      requestAnimationFrame(() => marginRef.current?.querySelector<HTMLElement>(`.note-card[data-key="${CSS.escape(first.key)}"]`)?.focus({ preventScroll: true }));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // A performance mark once the class's notes are first on screen (read by npm run bench:reader):
  // from the page's first paint, the browser's own copy, or the room.
  const painted = useRef(false);
  useEffect(() => {
    if (painted.current || !(classRoom?.synced || ((classRoom?.localLoaded || preview) && views.length > 0))) return;
    painted.current = true;
    // (with how many cards are in the margin then: the bench checks a link into the text shows some)
    requestAnimationFrame(() => performance.mark('plenum:notes-painted', { detail: { notes: views.length, cards: marginRef.current?.querySelectorAll('.anchored-cards .note-card').length ?? 0 } }));
  }, [classRoom?.synced, classRoom?.localLoaded, preview, views.length]);

  // A permalink (?note=…) opens with its card focused and its passage in view (at once: the reader
  // has just arrived, there is nothing to watch scroll by).
  const openedAtNote = useRef(false);
  useEffect(() => {
    const key = new URLSearchParams(window.location.search).get('note');
    const view = key && focused === null ? views.find((v) => v.key === key || v.replies.some((r) => r.key === key)) : undefined;
    if (view) {
      openedAtNote.current = true;
      setFocused(view.key);
      setPanelOpen(true);
    }
  }, [views, focused]);

  // Keep the focused card and its passage in view.
  useEffect(() => {
    if (!focused) return;
    const narrow = window.matchMedia(NARROW_SCREEN).matches;
    const mark = marksRef.current.find((m) => m.key === focused);
    const rect = mark && textRef.current ? rectsOf(textRef.current, mark.start, mark.end)[0] : null;
    // On a narrow screen the notes panel covers the lower part of the screen: the passage goes above it.
    const bottom = narrow ? window.innerHeight * (1 - PANEL_SHARE) : window.innerHeight;
    const behavior = openedAtNote.current ? 'instant' : 'smooth';
    openedAtNote.current = false;
    if (rect && (rect.top < 0 || rect.bottom > bottom)) window.scrollBy({ top: rect.top - (narrow ? 16 : window.innerHeight / 2), behavior });
    // In the panel, the card is scrolled to (beside the text, it is level with its passage already).
    // (The card focuses itself once rendered: it may be outside the margin's rendered window until the scroll.)
    const margin = marginRef.current;
    const card = narrow ? margin?.querySelector(`.note-card[data-key="${CSS.escape(focused)}"]`) : null;
    if (margin && card) margin.scrollTop += card.getBoundingClientRect().top - margin.getBoundingClientRect().top - 8;
  }, [focused, marksRef]);

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
  editingPassage.current = editing?.passage ?? null;
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
    if (!wide.current && !widening.current && marksRef.current.length > 0) {
      widening.current = true;
      requestAnimationFrame(() => setTimeout(() => ((wide.current = true), layout())));
    }
    const screens = wide.current ? { above: 1, below: 2 } : { above: 0, below: 1 };
    const viewTop = -base - screens.above * window.innerHeight;
    const viewBottom = -base + screens.below * window.innerHeight;
    const size = `${container.clientWidth}x${container.clientHeight}`;
    if (passageTops.current.size !== size) passageTops.current = { size, tops: new Map(), estimates: new Map() };
    const textTop = container.getBoundingClientRect().top;
    const { tops: cached, estimates } = passageTops.current;
    // Passages near the viewport are measured (and kept); those far from it are placed by their
    // paragraph's position until they come near.
    const near = textOnScreen(container, (wide.current ? 2 : 1) * window.innerHeight);
    const blockRects = new Map<number, DOMRect | null>();
    const wanted: [string, number][] = [];
    for (const mark of marksRef.current) {
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
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useLayoutEffect(layout, [layout, anchoredKeys, versions, focused, editing, panelOpen, tagFilter, authorFilter, visibilityFilter, textFilter, sort]);
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
    window.addEventListener('resize', onScroll);
    window.addEventListener('scroll', onScroll, { passive: true });
    // Paragraphs laid out for the first time as the reader nears them change the text's height.
    const resized = new ResizeObserver(onScroll);
    if (textRef.current) resized.observe(textRef.current);
    return () => {
      resized.disconnect();
      cancelAnimationFrame(frame);
      window.removeEventListener('resize', onScroll);
      window.removeEventListener('scroll', onScroll);
    };
  }, [layout]);

  const status = classRoom?.status ?? 'connecting';
  // "No notes yet" only once the class's notes are known: the room has arrived, or will not (offline,
  // signed out); until then, an empty margin is still loading.
  const notesKnown = classRoom !== null && (classRoom.synced || !['connecting', 'connected'].includes(status));
  const pending = rooms.reduce((n, [, r]) => n + (r?.pending ?? 0), 0);
  const refused = rooms.map(([, r]) => r).find((r) => r?.notice);
  const here = typeof window === 'undefined' ? '' : window.location.pathname + window.location.search;
  // Beside the text, a note on a passage is written level with it (the margin's top may be screens away);
  // on a narrow screen, and for a note on the whole source, at the top of the margin.
  const editorBeside = editing?.passage != null && placed.visible !== null;
  // An editor placed below the screen's edge (a passage near the bottom, or at the end of the text) is
  // brought up just enough to show it, once, keeping its passage in view.
  const editorShown = useRef(false);
  const editorTop = placed.tops[EDITOR_KEY];
  useLayoutEffect(() => {
    if (!editorBeside) return void (editorShown.current = false);
    const box = editorTop === undefined || editorShown.current ? null : marginRef.current?.querySelector('.placed-editor')?.getBoundingClientRect();
    if (!box) return;
    editorShown.current = true;
    if (box.bottom > window.innerHeight) window.scrollBy({ top: Math.min(box.bottom - window.innerHeight + 16, box.top - 16), behavior: 'instant' });
  }, [editorBeside, editorTop]);
  const editor = editing ? (
    <NoteEditor
      initial={keptNote.initial}
      onDraftChange={keptNote.onChange}
      quote={editing.passage ? text.slice(editing.passage.start, editing.passage.end) : null}
      canChooseStaff={isInstructor}
      allowVisibility
      submitLabel="Save note"
      onSubmit={create}
      onCancel={() => setEditing(null)}
    />
  ) : null;

  return (
    <>
    <nav className="skip-links" aria-label="Skip links">
      <a href="#source-text">Skip to the text</a> <a href="#margin-notes">Skip to the notes</a>
    </nav>
    <div className="reader-columns annotated" data-sync={rooms.every(([, r], i) => (i === 2 && !isInstructor) || r?.synced) ? 'ready' : 'loading'}>
      <div
        className="text-column"
        id="source-text"
        tabIndex={-1}
        ref={textRef}
        onClick={(e) => {
          const key = window.getSelection()?.isCollapsed ? noteAt(e.clientX, e.clientY) : null;
          if (key) {
            setFocused(key);
            setPanelOpen(true);
          }
        }}
        onMouseMove={(e) => {
          // Highlights are not elements, so the pointer over one is set here.
          const over = noteAt(e.clientX, e.clientY) !== null;
          if (over !== (e.currentTarget.dataset.overNote === 'true')) e.currentTarget.dataset.overNote = String(over);
        }}
      >
        <SourceText text={text} blocks={props.blocks} />
        {selection && !editing ? (
          <div className="selection-tools" style={{ top: selectionTop(textRef.current, selection) }}>
            <button type="button" className="annotate-button small" onMouseDown={(e) => e.preventDefault()} onClick={() => setEditing({ passage: selection })}>
              Annotate <kbd>{ANNOTATE_SHORTCUT.label}</kbd>
            </button>
            <a className="button small secondary" href={discussPassageLink(props, selection)}>
              Discuss
            </a>
          </div>
        ) : null}
      </div>
      <button type="button" className="notes-toggle" aria-expanded={panelOpen} aria-controls="margin-notes" onClick={() => setPanelOpen((open) => !open)}>
        {panelOpen ? 'Close notes' : `Notes (${views.length})`}
      </button>
      <aside
        id="margin-notes"
        className={`margin${panelOpen ? ' open' : ''}`}
        aria-label="Margin notes"
        tabIndex={-1}
        ref={marginRef}
        style={placed.height ? { minHeight: placed.height } : undefined}
      >
        <div className="margin-top">
          <StatusChip
            status={status}
            pending={pending}
            signInHref={`/signin?reason=expired&redirectTo=${encodeURIComponent(here)}`}
            notice={refused?.notice}
            onDismissNotice={refused?.dismissNotice}
          />
          {hydrated && !highlightsSupported() ? (
            <p className="margin-warning" role="note">
              This browser cannot mark passages in the text (it lacks the CSS Custom Highlight API). The notes are all here in the
              margin, each with its quote; a recent Chrome, Edge, Safari or Firefox shows them in the text too.
            </p>
          ) : null}
          {others.size > 0 ? (
            <ul className="readers" aria-label="Also reading now">
              {[...others].map(([id, o]) => (
                <li key={id} style={{ '--presence': o.color } as React.CSSProperties}>
                  {o.name}
                  {o.instructor ? <span className="role-badge">Instructor</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="margin-tools">
            <button type="button" className="small secondary" onClick={() => setEditing({ passage: null })}>
              Note on the whole source
            </button>
            <details className="filters">
              <summary>Filter and sort{filtering ? ` (${matches.length} of ${views.length})` : ''}</summary>
              <label>
                Find in notes{' '}
                <input type="search" aria-label="Find in notes" value={textFilter} onChange={(e) => setTextFilter(e.target.value)} placeholder="words in a note, a reply, a name" />
              </label>
              <label>
                Tag{' '}
                <select aria-label="Tag" value={tagFilter} onChange={(e) => setTagFilter(e.target.value)}>
                  <option value="">All</option>
                  {tags.map((t) => (
                    <option key={t} value={t}>
                      #{t}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Author{' '}
                <select aria-label="Author" value={authorFilter} onChange={(e) => setAuthorFilter(e.target.value)}>
                  <option value="">All</option>
                  {authors.map(([id, name]) => (
                    <option key={id} value={id}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Visibility{' '}
                <select aria-label="Visibility" value={visibilityFilter} onChange={(e) => setVisibilityFilter(e.target.value as Visibility | '')}>
                  <option value="">All</option>
                  <option value="class">Class</option>
                  <option value="private">Only me</option>
                  {isInstructor ? <option value="staff">Instructors</option> : null}
                </select>
              </label>
              <label>
                Sort{' '}
                <select aria-label="Sort" value={sort} onChange={(e) => setSort(e.target.value as 'position' | 'time')}>
                  <option value="position">By position</option>
                  <option value="time">Newest first</option>
                </select>
              </label>
              {filtering ? (
                <p className="filter-result" role="status">
                  {matches.length === 0 ? 'No notes match.' : `${matches.length} of ${views.length} notes match.`}{' '}
                  {matches.length > 0 ? (
                    <>
                      <button type="button" className="link-button" onClick={() => jump(-1)}>
                        Previous
                      </button>{' '}
                      <button type="button" className="link-button" onClick={() => jump(1)}>
                        Next match
                      </button>{' '}
                    </>
                  ) : null}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setTagFilter('');
                      setAuthorFilter('');
                      setVisibilityFilter('');
                      setTextFilter('');
                    }}
                  >
                    Clear filters
                  </button>
                </p>
              ) : null}
            </details>
          </div>
          {editing && !editorBeside ? editor : null}
          <p className="hint shortcut-hint">
            <kbd>{ANNOTATE_SHORTCUT.label}</kbd> notes the selection or the focused paragraph; <kbd>{JUMP_SHORTCUT.label}</kbd> goes from a paragraph to its
            notes and back.
          </p>
          <p className="visually-hidden" role="status">
            {jumpNotice}
          </p>
          {views.length === 0 && !notesKnown ? <p className="margin-empty">Loading notes…</p> : null}
          {views.length === 0 && notesKnown && !editing ? (
            <p className="margin-empty">No notes yet. Select a passage and choose Annotate ({ANNOTATE_SHORTCUT.label}), or write a note on the whole source.</p>
          ) : null}
          {orphans.length > 0 ? (
            <section aria-label="Notes whose passage was not found" className="orphans">
              <h3>Passage no longer found</h3>
              {orphans.map((v) => (
                <NoteCard key={v.key} view={v} me={me.id} isInstructor={isInstructor} focused={focused === v.key} quote={v.note.selectors?.quote.exact ?? null} actions={actions} />
              ))}
            </section>
          ) : null}
          {pageNotes.length > 0 && hydrated ? (
            <section aria-label="Notes on the whole source" className="page-notes">
              <h3>On the whole source</h3>
              {pageNotes.map((v) => (
                <NoteCard key={v.key} view={v} me={me.id} isInstructor={isInstructor} focused={focused === v.key} quote={null} actions={actions} />
              ))}
            </section>
          ) : null}
        </div>
        <div className="anchored-cards">
          {editorBeside ? (
            <div
              data-key={EDITOR_KEY}
              className="placed-editor"
              // (Shown before it is placed, for the frame that takes: hidden, it could not take focus, and the
              // first keys typed after the shortcut would be lost.)
              style={{ position: 'absolute', top: placed.tops[EDITOR_KEY] ?? 0, left: 0, right: 0 }}
            >
              {editor}
            </div>
          ) : null}
          {(placed.visible === null ? anchored.filter((v, i) => i < listLimit || v.key === focused) : anchored.filter((v) => placed.visible!.has(v.key) || v.key === focused))
            .map((v) => (
            <NoteCard
              key={v.key}
              view={v}
              me={me.id}
              isInstructor={isInstructor}
              focused={focused === v.key}
              quote={text.slice(v.anchor!.start, v.anchor!.end)}
              actions={actions}
              style={placed.tops[v.key] !== undefined ? { position: 'absolute', top: placed.tops[v.key], left: 0, right: 0 } : undefined}
            />
            ))}
          {placed.visible === null && anchored.length > listLimit ? (
            <button type="button" className="secondary small show-more" onClick={() => setListLimit((n) => n + 50)}>
              Show more notes ({anchored.length - listLimit} more)
            </button>
          ) : null}
        </div>
      </aside>
    </div>
    </>
  );
}
