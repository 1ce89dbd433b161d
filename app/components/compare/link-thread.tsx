/**
 * An evidence link's discussion: the link itself (its relation, both passages, its author's comment)
 * and the class's replies to it, live, with a reply form; and "Discuss on the board" to take it to a
 * board thread. Opened from a badge's menu, and by the `thread` parameter of a compare URL (a
 * notification's link).
 */
import { useId, useState } from 'react';
import { useModalDialog } from '~/components/use-modal-dialog';
import { AuthorName } from '~/components/author-name';
import { ConfirmDialog } from '~/components/confirm-dialog';
import { HideDialog } from '~/components/hide-dialog';
import { excerpt, newThreadAbout } from '~/lib/board/links';
import { commentOf, linkThreadPath, relationOf } from '~/lib/compare/links';
import { formatWhen } from '~/lib/format';
import { renderMarkdown } from '~/lib/markdown';
import { NOTE_LIMITS } from '~/lib/notes/model';
import type { BadgeTarget } from './link-badges';
import type { CourseLinks, LinkReplyView, LinkView } from './use-course-links';

export interface LinkThreadOptions {
  courseId: string;
  links: CourseLinks;
  me: string;
  isInstructor: boolean;
  /** The source and ¶ of a link's end, as the page knows them. */
  describe(end: LinkView['link']['target'][number]): BadgeTarget;
}

/** The discussion of one link at a time: `open` it, and render `dialog`. */
export function useLinkThread(options: LinkThreadOptions) {
  const [key, setKey] = useState<string | null>(null);
  // (Looked up on every render: replies arrive live, and a link deleted meanwhile closes it.)
  const view = key ? options.links.views.find((v) => v.key === key && !v.fromPage) : undefined;
  return {
    open: (v: LinkView) => setKey(v.key),
    openKey: setKey,
    dialog: view ? <LinkThreadDialog view={view} {...options} onClose={() => setKey(null)} /> : null,
  };
}

/** "3 replies", "1 reply", "No replies". */
export const replyCount = (n: number) => (n === 0 ? 'No replies' : `${n} repl${n === 1 ? 'y' : 'ies'}`);

function LinkThreadDialog(props: LinkThreadOptions & { view: LinkView; onClose(): void }) {
  const { view, links, me, isInstructor } = props;
  const id = useId();
  const { onClose } = props;
  const ref = useModalDialog();
  const ends = view.link.target.map((end) => ({ end, ...props.describe(end) }));
  const relation = relationOf(view.link);
  const path = linkThreadPath(props.courseId, view.link, [ends[0]!.block, ends[1]!.block]);
  const cite = (e: (typeof ends)[number]) => `${e.title}${e.block ? ` ¶ ${e.block}` : ''}`;
  const board = newThreadAbout(props.courseId, path, `↔ ${relation}: ${cite(ends[0]!)} – ${cite(ends[1]!)}`);
  const comment = commentOf(view.link);
  return (
    <dialog ref={ref} className="link-thread" aria-labelledby={`${id}-title`} onClose={onClose} onClick={(e) => e.stopPropagation()}>
      <header className="link-thread-head">
        <h2 id={`${id}-title`}>
          <span aria-hidden="true">↔ </span>
          {relation}
        </h2>
        <button type="button" className="small secondary" onClick={() => ref.current?.close()}>
          Close
        </button>
      </header>
      <ol className="link-thread-ends" aria-label="The linked passages">
        {ends.map((e, i) => (
          <li key={i}>
            <cite>{cite(e)}</cite>
            <blockquote>{excerpt(e.end.selector[1].exact, 240)}</blockquote>
          </li>
        ))}
      </ol>
      <p className="meta">
        Linked by <AuthorName name={view.authorName} instructor={view.byInstructor} /> · {formatWhen(view.link.created)}
        {view.visibility === 'private' ? ' · Only you' : null}
      </p>
      {view.flag?.hidden ? (
        <p className="moderation">
          {isInstructor ? 'Hidden from students' : 'An instructor hid this link from the class; only you and the instructors see it'}: {view.flag.reason || 'no reason given'}
        </p>
      ) : null}
      {comment ? <div className="note-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(comment) }} /> : null}
      {view.visibility === 'class' ? (
        <>
          <h3>{replyCount(view.replies.length)}</h3>
          {view.replies.length > 0 ? (
            <ol className="replies">
              {view.replies.map((r) => (
                <ReplyItem key={r.key} reply={r} me={me} isInstructor={isInstructor} links={links} />
              ))}
            </ol>
          ) : (
            <p className="empty">Nobody has replied yet. Does the evidence hold? Say why, or ask its author.</p>
          )}
          <ReplyForm
            label="Your reply"
            submitLabel="Send reply"
            onSubmit={(body) => (links.reply(view, body) ? null : 'The class’s links have not arrived yet. Try again in a moment.')}
          />
        </>
      ) : (
        <p className="hint">Only you see this link, so it has no replies. Make a class link to discuss it.</p>
      )}
      <footer className="dialog-actions">
        {view.visibility === 'class' && !view.flag?.hidden ? (
          <a className="button small secondary" href={board}>
            Discuss on the board
          </a>
        ) : null}
      </footer>
    </dialog>
  );
}

/** A reply: its text, or (hidden from this student) a placeholder; edit and delete for its author, hide for instructors. */
function ReplyItem({ reply: r, me, isInstructor, links }: { reply: LinkReplyView; me: string; isInstructor: boolean; links: CourseLinks }) {
  const [state, setState] = useState<'edit' | 'delete' | 'hide' | null>(null);
  const mine = r.reply.authorId === me;
  const hiddenFromMe = Boolean(r.flag?.hidden) && !isInstructor && !mine;
  return (
    <li className="reply">
      <header>
        <AuthorName name={r.authorName} instructor={r.byInstructor} />
        <span className="meta"> · {formatWhen(r.reply.created)}</span>
      </header>
      {hiddenFromMe ? (
        <p className="placeholder">Hidden by the instructor.</p>
      ) : state === 'edit' ? (
        <ReplyForm label="Edit your reply" submitLabel="Save" initial={r.reply.body.value} onSubmit={(body) => (links.changeReply(r, { body }), setState(null), null)} onCancel={() => setState(null)} />
      ) : (
        <>
          {r.flag?.hidden ? (
            <p className="moderation">
              {isInstructor ? 'Hidden from students' : 'An instructor hid this from the class'}: {r.flag.reason || 'no reason given'}
            </p>
          ) : null}
          <div className="note-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(r.reply.body.value) }} />
        </>
      )}
      <div className="note-actions">
        {mine && state !== 'edit' ? (
          <>
            <button type="button" className="link-button" onClick={() => setState('edit')}>
              Edit
            </button>
            <button type="button" className="link-button" onClick={() => setState('delete')}>
              Delete
            </button>
          </>
        ) : null}
        {isInstructor && !mine ? (
          <button type="button" className="link-button" onClick={() => (r.flag?.hidden ? links.setReplyHidden(r, false, '') : setState('hide'))}>
            {r.flag?.hidden ? 'Un-hide' : 'Hide'}
          </button>
        ) : null}
      </div>
      {state === 'delete' ? (
        <ConfirmDialog title="Delete your reply?" confirmLabel="Delete" danger onConfirm={() => (links.changeReply(r, { deleted: true }), setState(null))} onCancel={() => setState(null)}>
          <p>It goes for everyone in the class.</p>
        </ConfirmDialog>
      ) : null}
      {state === 'hide' ? (
        <HideDialog what="reply" explanation="Students see only that it was hidden. Its author still sees it, with your reason." onHide={(reason) => (links.setReplyHidden(r, true, reason), setState(null))} onCancel={() => setState(null)} />
      ) : null}
    </li>
  );
}

/** A reply's text: Ctrl+Enter sends; what is wrong is said in the form (`onSubmit` answers a problem, or null). */
function ReplyForm(props: { label: string; submitLabel: string; initial?: string; onSubmit(body: string): string | null; onCancel?(): void }) {
  const id = useId();
  const [body, setBody] = useState(props.initial ?? '');
  const [error, setError] = useState('');
  const submit = () => {
    const text = body.trim();
    if (!text) return setError('Write a reply first.');
    if (text.length > NOTE_LIMITS.body) return setError(`The reply is ${text.length.toLocaleString()} characters; at most ${NOTE_LIMITS.body.toLocaleString()}.`);
    const problem = props.onSubmit(text);
    if (problem) return setError(problem);
    setBody('');
    setError('');
  };
  return (
    <form
      className="reply-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor={id}>{props.label}</label>
      <textarea
        id={id}
        value={body}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="small">
          {props.submitLabel}
        </button>
        {props.onCancel ? (
          <button type="button" className="small secondary" onClick={props.onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
