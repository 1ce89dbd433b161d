import { memo, useEffect, useRef, useState } from 'react';
import { AuthorName } from '~/components/author-name';
import { ReactionToggles } from '~/components/reactions/reactions';
import { isPlaced } from '~/lib/anchoring/reanchor';
import { formatWhen } from '~/lib/format';
import { renderMarkdown } from '~/lib/markdown';
import type { Note } from '~/lib/notes/model';
import type { NoteDraft, NoteView, Visibility } from '~/lib/notes/views';
import { HideDialog } from '~/components/hide-dialog';
import { NoteEditor } from './note-editor';

export interface NoteActions {
  reply(parent: NoteView, body: string): void;
  edit(view: NoteView, change: { body: string; tags: string[] }): void;
  remove(view: NoteView): void;
  /** Moves one's own note to a passage of this version of the text (one it was not placed in). */
  reattach(view: NoteView, to: { start: number; end: number }): void;
  setHidden(view: NoteView, hidden: boolean, reason: string): void;
  focus(key: string): void;
  permalink(view: NoteView): string;
  /** A new board thread about this note. */
  discuss(view: NoteView): string;
  /** Cites the note in the class's comparison matrix (where the page offers it). */
  addToMatrix?(view: NoteView): void;
  /** Links the note's passage to a passage of the other source (the compare view). */
  link?(view: NoteView): void;
  /** Spotlights the note for the class (a seminar's leader). */
  spotlight?(view: NoteView): void;
}

const VISIBILITY_LABEL: Record<Visibility, string> = { class: 'Class', private: 'Only me', staff: 'Instructors' };

/** A hidden note, seen by a classmate: nothing of it but that it was hidden (not its quote, not its tags). */
const hiddenFrom = (view: NoteView, me: string, isInstructor: boolean) => Boolean(view.flag?.hidden) && !isInstructor && view.note.authorId !== me;

function Body({ view, me, isInstructor }: { view: NoteView; me: string; isInstructor: boolean }) {
  if (view.note.deleted) return <p className="placeholder">Deleted by its author.</p>;
  if (hiddenFrom(view, me, isInstructor)) return <p className="placeholder">Hidden by the instructor.</p>;
  return (
    <>
      {view.flag?.hidden ? (
        <p className="moderation">
          {isInstructor ? 'Hidden from students' : 'An instructor hid this from the class; only you and the instructors see it'}: {view.flag.reason || 'no reason given'}
        </p>
      ) : null}
      <div className="note-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(view.note.body) }} />
    </>
  );
}

function ItemActions({ view, me, isInstructor, actions, onEdit }: { view: NoteView; me: string; isInstructor: boolean; actions: NoteActions; onEdit(): void }) {
  const mine = view.note.authorId === me;
  const [hiding, setHiding] = useState(false);
  return (
    <div className="note-actions">
      {mine && !view.note.deleted ? (
        <>
          <button type="button" className="link-button" onClick={onEdit}>
            Edit
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              if (confirm('Delete this? Replies stay, under a “deleted” placeholder.')) actions.remove(view);
            }}
          >
            Delete
          </button>
        </>
      ) : null}
      {actions.addToMatrix && view.note.kind === 'note' && view.visibility === 'class' && isPlaced(view.anchor) && !view.note.deleted && !view.flag?.hidden ? (
        <button type="button" className="link-button" onClick={() => actions.addToMatrix!(view)}>
          Add to matrix…
        </button>
      ) : null}
      {actions.spotlight && view.note.kind === 'note' && view.visibility === 'class' && isPlaced(view.anchor) && !view.note.deleted && !view.flag?.hidden ? (
        <button type="button" className="link-button" onClick={() => actions.spotlight!(view)}>
          Spotlight
        </button>
      ) : null}
      {actions.link && view.note.kind === 'note' && isPlaced(view.anchor) && !view.note.deleted && !hiddenFrom(view, me, isInstructor) ? (
        <button type="button" className="link-button" aria-label="Link this note’s passage…" onClick={() => actions.link!(view)}>
          Link…
        </button>
      ) : null}
      {isInstructor && !mine && !view.note.deleted ? (
        view.flag?.hidden ? (
          <button type="button" className="link-button" onClick={() => actions.setHidden(view, false, '')}>
            Un-hide
          </button>
        ) : (
          <>
            <button type="button" className="link-button" onClick={() => setHiding(true)}>
              Hide
            </button>
            {hiding ? (
              <HideDialog
                what={view.note.kind === 'reply' ? 'reply' : 'note'}
                onHide={(reason) => {
                  actions.setHidden(view, true, reason);
                  setHiding(false);
                }}
                onCancel={() => setHiding(false)}
              />
            ) : null}
          </>
        )
      ) : null}
    </div>
  );
}

/** A card's header is a handle for dragging the note into the matrix (components/compare/matrix-drop.tsx). */
const citeByDragging = (view: NoteView) => ({
  draggable: true,
  title: 'Drag into a cell of the matrix',
  'data-note-drag': '',
  'data-author': view.note.authorId,
  'data-id': view.note.id,
  'data-start': view.anchor!.start,
  'data-end': view.anchor!.end,
});

type CardProps = Parameters<typeof Card>[0];

/** Whether a card would render the same: same note objects (readNotes keeps unchanged ones), flags, place. */
function sameCard(a: CardProps, b: CardProps): boolean {
  const sameView = (x: NoteView, y: NoteView) =>
    x.note === y.note && x.authorName === y.authorName && x.byInstructor === y.byInstructor && JSON.stringify(x.flag) === JSON.stringify(y.flag) && x.anchor?.status === y.anchor?.status;
  return (
    sameView(a.view, b.view) &&
    a.view.replies.length === b.view.replies.length &&
    a.view.replies.every((r, i) => sameView(r, b.view.replies[i]!)) &&
    a.focused === b.focused &&
    a.quote === b.quote &&
    a.me === b.me &&
    a.isInstructor === b.isInstructor &&
    a.actions === b.actions &&
    a.style?.top === b.style?.top
  );
}

/** A note in the margin, with its replies. */
export const NoteCard = memo(Card, sameCard);

function Card(props: { view: NoteView; me: string; isInstructor: boolean; focused: boolean; quote: string | null; actions: NoteActions; style?: React.CSSProperties }) {
  const { view, me, isInstructor, focused, actions } = props;
  const [editing, setEditing] = useState<string | null>(null);
  const [replying, setReplying] = useState(false);
  // Replies show on the focused card, or when opened; a margin of a thousand threads stays light.
  const [showReplies, setShowReplies] = useState(false);
  const repliesOpen = showReplies || focused || replying;
  const [reply, setReply] = useState('');
  const [replyError, setReplyError] = useState('');
  const n = view.note;
  const secret = hiddenFrom(view, me, isInstructor);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focused && !ref.current?.contains(document.activeElement)) ref.current?.focus({ preventScroll: true });
  }, [focused]);
  return (
    <article
      ref={ref}
      className={`note-card vis-${view.visibility}${focused ? ' focused' : ''}${view.anchor && !isPlaced(view.anchor) ? ' orphan' : ''}`}
      data-key={view.key}
      id={`note-${n.authorId}-${n.id}`}
      style={props.style}
      tabIndex={-1}
      aria-label={`Note by ${view.authorName}`}
      onClick={() => actions.focus(view.key)}
    >
      <header {...(actions.addToMatrix && view.visibility === 'class' && isPlaced(view.anchor) && !n.deleted && !view.flag?.hidden ? citeByDragging(view) : {})}>
        <AuthorName name={view.authorName} instructor={view.byInstructor} />
        <span className="meta">
          {' '}
          · {formatWhen(n.createdAt)} · <span className={`vis vis-${view.visibility}`}>{VISIBILITY_LABEL[view.visibility]}</span>
          {view.anchor?.status === 'fuzzy' ? ' · passage moved, matched approximately' : null}
        </span>
        <ImportedFrom note={n} />
      </header>
      {props.quote && !secret ? <blockquote className="card-quote">{props.quote.length > 160 ? `${props.quote.slice(0, 160)}…` : props.quote}</blockquote> : null}
      {editing === view.key ? (
        <NoteEditor
          quote={null}
          initial={{ body: n.body, tags: n.tags }}
          canChooseStaff={false}
          allowVisibility={false}
          submitLabel="Save"
          onSubmit={(draft: NoteDraft) => {
            actions.edit(view, { body: draft.body, tags: draft.tags });
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : view.preview && !view.preview.loaded ? (
        <p className="placeholder">Loading…</p>
      ) : (
        <Body view={view} me={me} isInstructor={isInstructor} />
      )}
      {n.tags.length > 0 && !n.deleted && !secret ? (
        <ul className="tags" aria-label="Tags">
          {n.tags.map((t) => (
            <li key={t}>#{t}</li>
          ))}
        </ul>
      ) : null}
      {view.visibility === 'class' && n.kind === 'note' && !n.deleted && !view.flag?.hidden && !view.preview ? (
        <ReactionToggles target={{ type: 'note', key: view.key }} label={`Mark ${view.authorName}’s note`} />
      ) : null}
      {view.preview ? (
        <footer>
          <span className="reply-count">
            {view.preview.replies} repl{view.preview.replies === 1 ? 'y' : 'ies'}
          </span>
          <a className="permalink" href={actions.permalink(view)} onClick={(e) => e.stopPropagation()}>
            Link
          </a>
        </footer>
      ) : (
      <footer>
        {view.replies.length > 0 ? (
          <button type="button" className="link-button reply-count" aria-expanded={Boolean(repliesOpen)} onClick={(e) => (e.stopPropagation(), setShowReplies((v) => !v))}>
            {view.replies.length} repl{view.replies.length === 1 ? 'y' : 'ies'}
          </button>
        ) : (
          <span className="reply-count">0 replies</span>
        )}
        <button type="button" className="link-button" onClick={() => setReplying((r) => !r)} aria-expanded={replying}>
          Reply
        </button>
        <a className="permalink" href={actions.permalink(view)} onClick={(e) => e.stopPropagation()}>
          Link
        </a>
        {view.visibility === 'class' && !view.note.deleted ? (
          <a className="permalink" href={actions.discuss(view)} onClick={(e) => e.stopPropagation()}>
            Discuss
          </a>
        ) : null}
        <ItemActions view={view} me={me} isInstructor={isInstructor} actions={actions} onEdit={() => setEditing(view.key)} />
      </footer>
      )}
      {repliesOpen && view.replies.length > 0 ? (
        <ol className="replies">
          {view.replies.map((r) => (
            <li key={r.key} className="reply" id={`note-${r.note.authorId}-${r.note.id}`}>
              <header>
                <AuthorName name={r.authorName} instructor={r.byInstructor} />
                <span className="meta"> · {formatWhen(r.note.createdAt)}</span>
                <ImportedFrom note={r.note} />
              </header>
              {editing === r.key ? (
                <NoteEditor
                  quote={null}
                  initial={{ body: r.note.body }}
                  canChooseStaff={false}
                  allowVisibility={false}
                  submitLabel="Save"
                  onSubmit={(draft) => {
                    actions.edit(r, { body: draft.body, tags: [] });
                    setEditing(null);
                  }}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <Body view={r} me={me} isInstructor={isInstructor} />
              )}
              <ItemActions view={r} me={me} isInstructor={isInstructor} actions={actions} onEdit={() => setEditing(r.key)} />
            </li>
          ))}
        </ol>
      ) : null}
      {replying ? (
        <form
          className="reply-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!reply.trim()) return setReplyError('Write a reply first');
            actions.reply(view, reply);
            setReply('');
            setReplyError('');
            setReplying(false);
          }}
        >
          <label className="visually-hidden" htmlFor={`reply-${view.key}`}>
            Reply to {view.authorName}
          </label>
          <textarea id={`reply-${view.key}`} value={reply} onChange={(e) => setReply(e.target.value)} rows={2} placeholder="Reply…" autoFocus />
          {replyError ? (
            <p className="field-error" role="alert">
              {replyError}
            </p>
          ) : null}
          <button type="submit" className="small">
            Send reply
          </button>
        </form>
      ) : null}
    </article>
  );
}

/** Who wrote an imported note where it came from, and when (docs/export.md). */
function ImportedFrom({ note }: { note: Note }) {
  const from = note.imported;
  if (!from) return null;
  const date = from.createdAt ? ` on ${new Date(from.createdAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })}` : '';
  return (
    <span className="imported-from">
      Imported{from.author ? ` · written by ${from.author}` : ''}
      {date} ({from.format})
    </span>
  );
}
