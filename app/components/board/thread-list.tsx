/** The board's list of threads, pinned first, with unread markers, and the new-thread form on demand. */
import { Link, useSearchParams } from '@remix-run/react';
import { useEffect, useState } from 'react';
import type { ThreadView } from '~/lib/board/model';
import { readDraft } from '~/lib/drafts';
import { when, newThreadDraft, type BoardProps, type Context } from './context';
import { NewThread } from './new-thread';

export function isUnread(view: ThreadView, readAt: number | undefined, me: string) {
  return [view.thread, ...view.replies].some((p) => p.authorId !== me && p.createdAt > (readAt ?? 0));
}

export function ThreadList(props: { courseId: string; threads: ThreadView[]; reads: Record<string, number>; context: Context; linkTargets: BoardProps['linkTargets'] }) {
  const { context } = props;
  const [params] = useSearchParams();
  const [composing, setComposing] = useState(params.get('new') === '1');
  // A thread begun before a reload is still being written.
  useEffect(() => {
    if (readDraft(newThreadDraft(props.courseId, context.me.id, 'title')) ?? readDraft(newThreadDraft(props.courseId, context.me.id, 'body'))) setComposing(true);
  }, [props.courseId, context.me.id]);
  return (
    <>
      <div className="page-head">
        <h1>Board</h1>
        {!composing ? (
          <button type="button" onClick={() => setComposing(true)}>
            New thread
          </button>
        ) : null}
      </div>
      {composing ? (
        <NewThread
          context={context}
          linkTargets={props.linkTargets}
          initialLink={params.get('link')?.startsWith(`/c/${props.courseId}/`) ? { href: params.get('link')!, label: (params.get('label') ?? 'A passage').slice(0, 200) } : null}
          onDone={() => setComposing(false)}
        />
      ) : null}
      {props.threads.length === 0 ? (
        <p className="empty">No threads yet. Start the first discussion: a question about a source, a comparison, a disagreement.</p>
      ) : (
        <ul className="thread-list">
          {props.threads.map((t) => {
            const unread = isUnread(t, props.reads[t.thread.key], context.me.id);
            const hidden = context.flags.get(t.thread.key)?.hidden;
            return (
              <li key={t.thread.key} className={unread ? 'unread' : undefined} data-thread={t.thread.title}>
                {unread ? (
                  <>
                    <span className="unread-dot" aria-hidden="true" />
                    <span className="visually-hidden">Unread: </span>
                  </>
                ) : null}
                <Link to={`?thread=${encodeURIComponent(t.thread.key)}`} className="thread-title">
                  {hidden && !context.isInstructor ? 'Hidden by the instructor' : t.thread.deleted ? `${t.thread.title} (deleted)` : t.thread.title}
                </Link>
                <div className="source-meta">
                  {t.settings?.pinned ? <span className="badge pinned">Pinned</span> : null}
                  {t.settings?.locked ? <span className="badge locked">Locked</span> : null}
                  {hidden ? <span className="badge status-late">Hidden</span> : null}
                  <span>
                    {context.names.get(t.thread.authorId) ?? 'Former member'}
                    {context.instructors.has(t.thread.authorId) ? <span className="role-badge">Instructor</span> : null}
                  </span>
                  <span>
                    {t.replies.length} repl{t.replies.length === 1 ? 'y' : 'ies'}
                  </span>
                  <span>last activity {when(t.lastActivity)}</span>
                  {t.thread.link ? <span>on {t.thread.link.label}</span> : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
