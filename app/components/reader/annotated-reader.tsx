/**
 * The reader with the class's margin notes: highlights in the text, cards in the margin, live from the
 * document's rooms. It can be mounted twice on one page (the compare view): each reader's highlights,
 * ids and shortcuts are its own (`scope`). Each concern is a hook of its own beside this file; what is
 * left here, and makes it about 400 lines, is their wiring and the layout of text and margin.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { excerpt, newThreadAbout } from '~/lib/board/links';
import { citationHref } from '~/lib/sources/citation';
import { draftKey } from '~/lib/drafts';
import { useKeptNote } from '~/lib/notes/kept-note';
import { viewportOf } from '~/lib/notes/viewport';
import type { SourceBlock } from '~/lib/source-html';
import { NoteCard } from '~/components/notes/note-card';
import { UnplacedNotes } from './unplaced-notes';
import { ReattachBanner, type Reattaching } from './reattach';
import { NoteEditor } from '~/components/notes/note-editor';
import { StatusChip } from '~/components/notes/status-chip';
import { SourceText } from '~/components/source-text';
import { highlightsSupported, useHighlights } from './highlights';
import { MarginFilters } from './margin-filters';
import { ANNOTATE_SHORTCUT, LINK_SHORTCUT, usePassageShortcut } from './use-passage-shortcut';
import { LinkBadges, type LinkBadgesProps } from '~/components/compare/link-badges';
import { OrphanLinks } from '~/components/compare/orphan-links';
import { useDocumentNotes } from './use-document-notes';
import { useFocusedNote } from './use-focused-note';
import { JUMP_SHORTCUT, useJumpShortcut } from './use-jump-shortcut';
import { EDITOR_KEY, useMarginLayout } from './use-margin-layout';
import { useNoteActions } from './use-note-actions';
import { useNoteFilters } from './use-note-filters';
import { usePresence } from './use-presence';
import { useSearchMatches } from './use-search-matches';
import { useSelectionTool } from './use-selection-tool';
import { SelectionTools } from './selection-tools';
import { MarkedList, ReactionsProvider, useReactionStore } from '~/components/reactions/reactions';
import { describeMarked, selectedParagraph } from '~/components/reactions/marked-places';

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
  /**
   * Prefixes this reader's element ids and highlight names: '' (the default) for a page's one reader,
   * another for each further reader on the page.
   */
  scope?: string;
  /** The element the reader scrolls in (each side of a compare view); none: the window. */
  scrollRoot?: RefObject<HTMLElement>;
  /** The course's evidence links touching this source: shown as badges on their paragraphs. */
  links?: Omit<LinkBadgesProps, 'textRef' | 'scope' | 'documentId' | 'documentVersion' | 'text' | 'blocks'>;
  /** Linking passages (the compare view): the selection's button says `label`, Alt+L does the same. */
  linking?: { label: string; onPassage(passage: { start: number; end: number }): void };
  /** Citing the selected passage in the class's comparison matrix. */
  onAddToMatrix?(passage: { start: number; end: number }): void;
  onAddToTimeline?(passage: { start: number; end: number }): void;
  /** Suggesting a correction of the selected passage's text to the instructors. */
  onSuggestCorrection?(passage: { start: number; end: number }): void;
  /**
   * Shown at the top of the margin, under its tools (the timeline's events on this source); given how to
   * start re-attaching something to the reader's next selection.
   */
  marginExtra?: (startReattaching: (reattaching: Reattaching) => void) => React.ReactNode;
  /** The page shows the skip links itself, above the source's header (ReaderSkipLinks), so they come first. */
  skipLinksAbove?: boolean;
  /** Seminar mode's leader: spotlighting the selected passage, or a note (its passage where it is now), for the class. */
  onSpotlight?(passage: { start: number; end: number }): void;
  onSpotlightNote?(note: { room: string; key: string; passage: { start: number; end: number } }): void;
  /** Citing a class note (its passage where it is now) in the matrix, from its card. */
  onAddNoteToMatrix?(note: { authorId: string; id: string; passage: { start: number; end: number } }): void;
}

type Editing = { passage: { start: number; end: number } | null } | null;

/** A new board thread about the selected passage: its first paragraph, with the quote as the label. */
function discussPassageLink(props: AnnotatedReaderProps, passage: { start: number; end: number }): string {
  const block = props.blocks.find((b) => b.start <= passage.start && passage.start < b.end) ?? props.blocks[0];
  const label = `¶ ${block?.number}: “${excerpt(props.text.slice(passage.start, passage.end))}”`;
  // Cited as this version numbers it, so the link finds the same text after a new version renumbers it.
  return newThreadAbout(props.courseId, block ? citationHref(props.courseId, props.documentId, { version: props.documentVersion, number: block.number }) : `/c/${props.courseId}/d/${props.documentId}`, label);
}


/** Links a keyboard user meets first: to the text, and to the margin's notes. */
export function ReaderSkipLinks({ scope = '' }: { scope?: string }) {
  return (
    <nav className="skip-links" aria-label="Skip links">
      <a href={`#${scope}source-text`}>Skip to the text</a> <a href={`#${scope}margin-notes`}>Skip to the notes</a>
    </nav>
  );
}

export function AnnotatedReader(props: AnnotatedReaderProps) {
  const { courseId, documentId, me, isInstructor, text } = props;
  const scope = props.scope ?? '';
  const ids = { text: `${scope}source-text`, margin: `${scope}margin-notes` }; // (ReaderSkipLinks points at them)
  const { rooms, classRoom, views, versions, preview, hydrated, roomFor } = useDocumentNotes(props);
  const textRef = useRef<HTMLDivElement>(null);
  const marginRef = useRef<HTMLDivElement>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const keptNote = useKeptNote(draftKey(me.id, `note:${courseId}:${documentId}`), props.documentVersion, editing, setEditing);
  const { selection, setSelection } = useSelectionTool(textRef, editing !== null);
  /** On a narrow screen the margin is a panel over the text, opened on demand. */
  const [panelOpen, setPanelOpen] = useState(false);
  const openPanel = useCallback(() => setPanelOpen(true), []);
  // The note editor is in the margin: writing a note (from a selection, the shortcut, or a draft kept
  // across a reload) opens the panel, or on a phone nothing would seem to happen.
  useEffect(() => {
    if (editing) setPanelOpen(true);
  }, [editing]);

  const filters = useNoteFilters(views, { id: me.id, isInstructor });
  const { pageNotes, orphans, toReview, anchored, marks, anchoredKeys, matches } = filters;
  const { others, presence } = usePresence(classRoom?.awareness ?? null, me.id, selection);
  const reactions = useReactionStore(classRoom?.doc ?? null, me.id);
  const [focused, setFocused] = useState<string | null>(null);
  // Highlights, painted again after every change to the notes shown.
  const { noteAt, marksRef } = useHighlights({ textRef, marks, focused, presence, changes: `${versions}|${anchoredKeys}`, markup: props.blocks, scope, scrollRoot: props.scrollRoot });
  useFocusedNote({ focused, setFocused, views, marksRef, textRef, marginRef, scrollRoot: props.scrollRoot, openPanel });
  /** Focuses the next (or previous) note that matches the filters, after the focused one. */
  const jump = (step: 1 | -1) => {
    if (matches.length === 0) return;
    const at = matches.findIndex((v) => v.key === focused);
    const next = matches[at < 0 ? (step === 1 ? 0 : matches.length - 1) : (at + step + matches.length) % matches.length]!;
    setFocused(next.key);
  };

  const { actions, create } = useNoteActions({
    ...props,
    roomFor,
    setFocused,
    passage: editing?.passage ?? null,
    onLinkNote: props.linking ? (passage) => props.linking?.onPassage(passage) : undefined,
    done() {
      setEditing(null);
      setSelection(null);
      window.getSelection()?.removeAllRanges();
    },
  });

  // Re-attaching one's note whose passage was not placed: the next selection's button attaches it there.
  const [reattaching, setReattaching] = useState<Reattaching | null>(null);
  const endReattaching = (key: string | null | undefined) => {
    setReattaching(null);
    setSelection(null);
    window.getSelection()?.removeAllRanges();
    if (key) setFocused(key);
  };

  useSearchMatches(textRef, props.text, scope);
  usePassageShortcut(textRef, ANNOTATE_SHORTCUT, (passage) => setEditing({ passage }));
  usePassageShortcut(textRef, props.linking ? LINK_SHORTCUT : null, (passage) => props.linking?.onPassage(passage));
  const jumpNotice = useJumpShortcut({ text: textRef, margin: marginRef }, anchored, (key) => {
    setFocused(key);
    setPanelOpen(true);
  });

  // A performance mark once the class's notes are first on screen (read by npm run bench:reader):
  // from the page's first paint, the browser's own copy, or the room.
  const painted = useRef(false);
  useEffect(() => {
    if (painted.current || !(classRoom?.synced || ((classRoom?.localLoaded || preview) && views.length > 0))) return;
    painted.current = true;
    // (with how many cards are in the margin then: the bench checks a link into the text shows some)
    requestAnimationFrame(() => performance.mark('plenum:notes-painted', { detail: { notes: views.length, cards: marginRef.current?.querySelectorAll('.anchored-cards .note-card').length ?? 0 } }));
  }, [classRoom?.synced, classRoom?.localLoaded, preview, views.length]);

  const { values } = filters;
  const { placed, listLimit, setListLimit } = useMarginLayout({
    marginRef,
    textRef,
    marksRef,
    sort: values.sort,
    editorPassage: editing?.passage ?? null,
    scrollRoot: props.scrollRoot,
    changes: [anchoredKeys, versions, focused, editing === null ? '' : editing.passage ? `${editing.passage.start}` : 'page', panelOpen, values.tag, values.author, values.visibility, values.text, values.sort].join('|'),
  });

  const status = classRoom?.status ?? 'connecting';
  // "No notes yet" only once the class's notes are known: the room has arrived, or will not (offline,
  // signed out); until then, an empty margin is still loading.
  const notesKnown = classRoom !== null && (classRoom.synced || !['connecting', 'connected'].includes(status));
  const pending = rooms.reduce((n, [, r]) => n + (r?.pending ?? 0), 0);
  const refused = rooms.map(([, r]) => r).find((r) => r?.notice);
  const here = typeof window === 'undefined' ? '' : window.location.pathname + window.location.search;
  // Beside the text, a note on a passage is written level with it (the margin's top may be screens away);
  // on a narrow screen, and for a note on the whole source, at the top of the margin.
  // A plain list (a phone, or sorted by time), from the first render of the sort: not only once a layout has said so.
  const listed = placed.visible === null || values.sort === 'time';
  const editorBeside = editing?.passage != null && !listed;
  // An editor placed below the screen's edge (a passage near the bottom, or at the end of the text) is
  // brought up just enough to show it, once, keeping its passage in view.
  const editorShown = useRef(false);
  const editorTop = placed.tops[EDITOR_KEY];
  useLayoutEffect(() => {
    if (!editorBeside) return void (editorShown.current = false);
    const box = editorTop === undefined || editorShown.current ? null : marginRef.current?.querySelector('.placed-editor')?.getBoundingClientRect();
    if (!box) return;
    editorShown.current = true;
    const view = viewportOf(props.scrollRoot?.current);
    if (box.bottom > view.bottom) view.scrollBy(Math.min(box.bottom - view.bottom + 16, box.top - view.top - 16), 'instant');
  }, [editorBeside, editorTop, props.scrollRoot]);
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
    <ReactionsProvider value={reactions}>
    {props.skipLinksAbove ? null : <ReaderSkipLinks scope={scope} />}
    <div className="reader-columns annotated" data-sync={rooms.every(([, r], i) => (i === 2 && !isInstructor) || r?.synced) ? 'ready' : 'loading'}>
      <div
        className="text-column"
        id={ids.text}
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
        {/* (Above the text, not in the margin: on a phone the margin is closed while the passage is chosen.) */}
        {reattaching ? <ReattachBanner reattaching={reattaching} onCancel={() => endReattaching(null)} /> : null}
        <SourceText text={text} blocks={props.blocks} scope={scope} />
        {props.links ? <LinkBadges {...props.links} textRef={textRef} scope={scope} documentId={documentId} documentVersion={props.documentVersion} text={text} blocks={props.blocks} /> : null}
        {props.links ? (
          <OrphanLinks
            links={props.links.links}
            describe={props.links.describe}
            textRef={textRef}
            documentId={documentId}
            documentVersion={props.documentVersion}
            text={text}
            blocks={props.blocks}
            actions={props.links.actions}
            onReattach={setReattaching}
          />
        ) : null}
        {selection && !editing ? (
          <SelectionTools
            selection={selection}
            textElement={textRef.current}
            reattaching={reattaching}
            onAttach={(passage) => {
              reattaching!.attach(passage);
              endReattaching(reattaching!.focusKey);
            }}
            onAnnotate={(passage) => setEditing({ passage })}
            discussHref={discussPassageLink(props, selection)}
            linking={props.linking}
            onAddToMatrix={props.onAddToMatrix}
            onAddToTimeline={props.onAddToTimeline}
            onSuggestCorrection={props.onSuggestCorrection}
            onSpotlight={props.onSpotlight}
            paragraph={selectedParagraph(props.blocks, props.documentVersion, selection)}
          />
        ) : null}
      </div>
      <button type="button" className="notes-toggle" aria-expanded={panelOpen} aria-controls={ids.margin} onClick={() => setPanelOpen((open) => !open)}>
        {panelOpen ? 'Close notes' : `Notes (${views.length})`}
      </button>
      <aside
        id={ids.margin}
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
            <MarginFilters filters={filters} total={views.length} isInstructor={isInstructor} onJump={jump} />
          </div>
          {props.marginExtra?.(setReattaching)}
          <MarkedList describe={(target) => describeMarked({ version: props.documentVersion, blocks: props.blocks, text }, views, target, { scope, focus: (key) => (setFocused(key), setPanelOpen(true)) })} />
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
          <UnplacedNotes
            orphans={orphans}
            toReview={toReview}
            blocks={props.blocks}
            scope={scope}
            me={me.id}
            isInstructor={isInstructor}
            focused={focused}
            actions={actions}
            onReattach={(view) => {
              setReattaching({
                quote: view.note.selectors?.quote.exact ?? '',
                what: view.note.authorId === me.id ? 'your note' : `${view.authorName}’s note`,
                attach: (passage) => actions.reattach(view, passage),
                focusKey: view.key,
              });
              // (on a phone the margin covers the text, where the new passage is chosen)
              setPanelOpen(false);
            }}
          />
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
          {(listed ? anchored.filter((v, i) => i < listLimit || v.key === focused) : anchored.filter((v) => placed.visible!.has(v.key) || v.key === focused))
            .map((v) => (
            <NoteCard
              key={v.key}
              view={v}
              me={me.id}
              isInstructor={isInstructor}
              focused={focused === v.key}
              quote={text.slice(v.anchor!.start, v.anchor!.end)}
              actions={actions}
              style={!listed && placed.tops[v.key] !== undefined ? { position: 'absolute', top: placed.tops[v.key], left: 0, right: 0 } : undefined}
            />
            ))}
          {listed && anchored.length > listLimit ? (
            <button type="button" className="secondary small show-more" onClick={() => setListLimit((n) => n + 50)}>
              Show more notes ({anchored.length - listLimit} more)
            </button>
          ) : null}
        </div>
      </aside>
    </div>
    </ReactionsProvider>
  );
}
