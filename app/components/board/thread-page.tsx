/** One thread, open: its posts as a tree, the instructor's pin and lock, and its reply box; reading it marks it read. */
import { Link, useFetcher } from '@remix-run/react';
import { useEffect, useMemo } from 'react';
import { entryKey, setThreadSettings, type Post, type ThreadView } from '~/lib/board/model';
import type { Context } from './context';
import { PostView } from './post-view';

export function ThreadPage(props: { courseId: string; view: ThreadView; context: Context; onRead(key: string): void }) {
  const { view, context } = props;
  const { thread, settings } = view;
  const reader = useFetcher();
  // Reading the thread clears its unread marker, now and whenever a new reply arrives while open.
  useEffect(() => {
    // Offline the thread still reads (it is in the browser); the read is recorded when it is next opened online.
    if (navigator.onLine) reader.submit({ intent: 'read', thread: thread.key }, { method: 'post' });
    props.onRead(thread.key);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read when the thread opens or has new activity, not when a callback changes
  }, [thread.key, view.lastActivity]);
  const tree = useMemo(() => {
    const map = new Map<string, Post[]>();
    for (const r of view.replies) {
      const parent = r.parentId && r.parentAuthorId ? entryKey(r.parentAuthorId, r.parentId) : thread.key;
      map.set(parent, [...(map.get(parent) ?? []), r]);
    }
    return map;
  }, [view.replies, thread.key]);
  const locked = settings?.locked ?? false;
  return (
    <article className="thread" aria-labelledby="thread-heading">
      <p className="breadcrumb">
        <Link to={`/c/${props.courseId}/board`}>← All threads</Link>
      </p>
      <div className="page-head">
        <h1 id="thread-heading">{context.flags.get(thread.key)?.hidden && !context.isInstructor ? 'Hidden by the instructor' : thread.title}</h1>
        {settings?.pinned ? <span className="badge pinned">Pinned</span> : null}
        {locked ? <span className="badge locked">Locked: no new replies</span> : null}
      </div>
      {thread.link ? (
        <p className="thread-link">
          About <Link to={thread.link.href}>{thread.link.label}</Link>
        </p>
      ) : null}
      {context.isInstructor ? (
        <div className="instructor-bar">
          <button type="button" className="small secondary" onClick={() => setThreadSettings(context.room.doc, thread.key, { pinned: !settings?.pinned, locked, by: context.me.id })}>
            {settings?.pinned ? 'Unpin' : 'Pin'}
          </button>
          <button type="button" className="small secondary" onClick={() => setThreadSettings(context.room.doc, thread.key, { pinned: settings?.pinned ?? false, locked: !locked, by: context.me.id })}>
            {locked ? 'Unlock' : 'Lock'}
          </button>
        </div>
      ) : null}
      <PostView post={thread} context={context} depth={-1} tree={tree} locked={locked} />
    </article>
  );
}
