import { Link, useFetcher, useNavigate, useSearchParams } from '@remix-run/react';
import { useEffect, useMemo, useState } from 'react';
import { HideDialog } from '../hide-dialog';
import { markMentions, type Member } from '../../lib/board/mentions';
import {
  deletePost,
  editPost,
  entryKey,
  POST_LIMITS,
  setThreadSettings,
  threadsOf,
  writePost,
  type Post,
  type ThreadView,
} from '../../lib/board/model';
import { draftKey, readDraft, useDraft } from '../../lib/drafts';
import { renderMarkdown } from '../../lib/markdown';
import { readModFlags, setHidden, type ModFlag } from '../../lib/notes/model';
import { useRoom, type LiveRoom } from '../../lib/notes/use-room';
import { roomName } from '../../lib/rooms/names';
import { StatusChip } from '../notes/status-chip';
import { AuthorName } from '../author-name';
import { MentionTextarea } from './mention-textarea';

interface BoardProps {
  courseId: string;
  me: { id: string; name: string };
  isInstructor: boolean;
  members: Member[];
  linkTargets: { href: string; label: string }[];
  reads: Record<string, number>;
}

interface Context {
  courseId: string;
  room: LiveRoom;
  me: BoardProps['me'];
  isInstructor: boolean;
  members: Member[];
  names: Map<string, string>;
  /** The course's instructors, marked beside their names. */
  instructors: ReadonlySet<string>;
  flags: Map<string, ModFlag>;
}

function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** The course board: threads live for everyone in the course, in the `board:<course>` room. */
export function Board(props: BoardProps) {
  const room = useRoom(roomName({ kind: 'board', courseId: props.courseId }), props.me.id);
  const [params] = useSearchParams();
  const selected = params.get('thread');
  const threads = useMemo(() => (room ? threadsOf(room.doc) : []), [room?.version]); // eslint-disable-line react-hooks/exhaustive-deps -- the room is a new object each render; its version moves with its contents
  const flags = useMemo(() => (room ? readModFlags(room.doc) : new Map<string, ModFlag>()), [room?.version]); // eslint-disable-line react-hooks/exhaustive-deps -- the room is a new object each render; its version moves with its contents
  const names = useMemo(() => new Map(props.members.map((m) => [m.id, m.name])), [props.members]);
  const instructors = useMemo(() => new Set(props.members.filter((m) => m.instructor).map((m) => m.id)), [props.members]);
  const [readNow, setReadNow] = useState<Record<string, number>>({});
  const reads = { ...props.reads, ...readNow };
  const here = typeof window === 'undefined' ? `/c/${props.courseId}/board` : window.location.pathname + window.location.search;

  if (!room || (!room.synced && !room.localLoaded)) {
    return (
      <div className="page narrow-wide board" data-sync="loading">
        <h1>Board</h1>
        <p className="empty" role="status">
          Loading the board…
        </p>
      </div>
    );
  }
  const context: Context = { courseId: props.courseId, room, me: props.me, isInstructor: props.isInstructor, members: props.members, names, instructors, flags };
  const view = selected ? threads.find((t) => t.thread.key === selected) : null;
  return (
    <div className="page narrow-wide board" data-sync={room.synced ? 'ready' : 'loading'}>
      <StatusChip
        status={room.status}
        pending={room.pending}
        signInHref={`/signin?reason=expired&redirectTo=${encodeURIComponent(here)}`}
        notice={room.notice}
        onDismissNotice={room.dismissNotice}
      />
      {selected ? (
        view ? (
          <ThreadPage courseId={props.courseId} view={view} context={context} onRead={(key) => setReadNow((r) => ({ ...r, [key]: Date.now() }))} />
        ) : (
          <div>
            <p className="breadcrumb">
              <Link to={`/c/${props.courseId}/board`}>← All threads</Link>
            </p>
            <p className="empty">{room.synced ? 'This thread does not exist, or was removed.' : 'Loading the thread…'}</p>
          </div>
        )
      ) : (
        <ThreadList courseId={props.courseId} threads={threads} reads={reads} context={context} linkTargets={props.linkTargets} />
      )}
    </div>
  );
}

function isUnread(view: ThreadView, readAt: number | undefined, me: string) {
  return [view.thread, ...view.replies].some((p) => p.authorId !== me && p.createdAt > (readAt ?? 0));
}

function ThreadList(props: { courseId: string; threads: ThreadView[]; reads: Record<string, number>; context: Context; linkTargets: BoardProps['linkTargets'] }) {
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

const newThreadDraft = (courseId: string, userId: string, field: 'title' | 'body') => draftKey(userId, `board:${courseId}:new-thread:${field}`);
/** The thread's own reply box and a reply opened under a post are separate drafts, even for the thread post. */
const replyDraft = (context: Context, parent: Post, underPost: boolean) =>
  draftKey(context.me.id, `board:${context.courseId}:${underPost ? 'reply-under' : 'reply'}:${parent.key}`);

function NewThread(props: { context: Context; linkTargets: BoardProps['linkTargets']; initialLink: { href: string; label: string } | null; onDone(): void }) {
  const { room, me, members, courseId } = props.context;
  const [title, setTitle, discardTitle] = useDraft(newThreadDraft(courseId, me.id, 'title'));
  const [body, setBody, discardBody] = useDraft(newThreadDraft(courseId, me.id, 'body'));
  const close = () => {
    discardTitle();
    discardBody();
    props.onDone();
  };
  const targets = props.initialLink && !props.linkTargets.some((t) => t.href === props.initialLink!.href) ? [props.initialLink, ...props.linkTargets] : props.linkTargets;
  const [link, setLink] = useState(props.initialLink?.href ?? '');
  const [error, setError] = useState('');
  const navigate = useNavigate();
  const submit = () => {
    if (!title.trim()) return setError('Give the thread a title');
    const target = targets.find((t) => t.href === link) ?? null;
    const now = Date.now();
    const id = crypto.randomUUID();
    writePost(room.doc, me.id, {
      id, kind: 'thread', title: title.trim(), body: body.trim(), threadId: null, threadAuthorId: null,
      parentId: null, parentAuthorId: null, link: target, createdAt: now, updatedAt: now, deleted: false,
    });
    close();
    // To the new thread, where the discussion it starts will be.
    navigate(`/c/${courseId}/board?thread=${encodeURIComponent(entryKey(me.id, id))}`);
  };
  return (
    <form
      className="new-thread"
      aria-label="New thread"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="field">
        <label htmlFor="thread-title">Title</label>
        <input
          id="thread-title"
          type="text"
          value={title}
          maxLength={POST_LIMITS.title}
          autoFocus
          onChange={(e) => (setTitle(e.target.value), setError(''))}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'thread-title-error' : undefined}
        />
        {error ? (
          <p id="thread-title-error" className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <MentionTextarea id="thread-body" label="What do you want to discuss?" value={body} onChange={setBody} members={members} rows={5} maxLength={POST_LIMITS.body} onSubmitShortcut={submit} />
      <div className="field">
        <label htmlFor="thread-link">About</label>
        <select id="thread-link" value={link} onChange={(e) => setLink(e.target.value)}>
          <option value="">Nothing in particular</option>
          {targets.map((t) => (
            <option key={t.href} value={t.href}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit">Post thread</button>
        <button type="button" className="secondary" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ThreadPage(props: { courseId: string; view: ThreadView; context: Context; onRead(key: string): void }) {
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

/** A post, its actions, and its replies: two levels open, deeper ones behind a button. */
function PostView(props: { post: Post; context: Context; depth: number; tree: Map<string, Post[]>; locked: boolean }) {
  const { post, context, depth } = props;
  const replies = props.tree.get(post.key) ?? [];
  const [replying, setReplying] = useState(false);
  // A reply begun before a reload is still being written.
  const draft = replyDraft(context, post, true);
  useEffect(() => {
    if (readDraft(draft)) setReplying(true);
  }, [draft]);
  const [expanded, setExpanded] = useState(depth < 1);
  const [editing, setEditing] = useState(false);
  const [hiding, setHiding] = useState(false);
  const flag = context.flags.get(post.key) ?? null;
  const mine = post.authorId === context.me.id;
  const threadKey = post.kind === 'thread' ? post.key : entryKey(post.threadAuthorId!, post.threadId!);
  return (
    <div className={`post depth-${Math.min(depth + 1, 3)}`} id={`post-${post.key}`} data-post={post.key}>
      <div className="post-head">
        <AuthorName name={context.names.get(post.authorId) ?? 'Former member'} instructor={context.instructors.has(post.authorId)} />{' '}
        <span className="meta">{when(post.createdAt)}</span>
        {post.updatedAt > post.createdAt + 1000 && !post.deleted ? <span className="meta"> · edited</span> : null}
      </div>
      {post.deleted ? (
        <p className="placeholder">Deleted by its author.</p>
      ) : flag?.hidden && !context.isInstructor && post.authorId !== context.me.id ? (
        <p className="placeholder">Hidden by the instructor.</p>
      ) : editing ? (
        <EditPost post={post} context={context} onDone={() => setEditing(false)} />
      ) : (
        <>
          {flag?.hidden ? (
            <p className="moderation">
              {context.isInstructor ? 'Hidden from students' : 'An instructor hid this from the class; only you and the instructors see it'}: {flag.reason || 'no reason given'}
            </p>
          ) : null}
          <div className="post-body markdown" dangerouslySetInnerHTML={{ __html: markMentions(renderMarkdown(post.body), context.members) }} />
        </>
      )}
      {!post.deleted && !editing ? (
        <div className="note-actions">
          {!props.locked ? (
            <button type="button" className="link-button" onClick={() => setReplying(!replying)} aria-expanded={replying}>
              Reply
            </button>
          ) : null}
          {mine ? (
            <>
              <button type="button" className="link-button" onClick={() => setEditing(true)}>
                Edit
              </button>
              <button type="button" className="link-button" onClick={() => confirm('Delete this post? Replies to it stay.') && deletePost(context.room.doc, context.me.id, post)}>
                Delete
              </button>
            </>
          ) : null}
          {context.isInstructor ? (
            <button
              type="button"
              className="link-button"
              onClick={() => (flag?.hidden ? setHidden(context.room.doc, { authorId: post.authorId, noteId: post.id, hidden: false, reason: '', by: context.me.id }) : setHiding(true))}
            >
              {flag?.hidden ? 'Un-hide' : 'Hide'}
            </button>
          ) : null}
          {hiding ? (
            <HideDialog
              what="post"
              onHide={(reason) => {
                setHidden(context.room.doc, { authorId: post.authorId, noteId: post.id, hidden: true, reason, by: context.me.id });
                setHiding(false);
              }}
              onCancel={() => setHiding(false)}
            />
          ) : null}
        </div>
      ) : null}
      {replying ? <ReplyForm parent={post} threadKey={threadKey} context={context} onDone={() => setReplying(false)} /> : null}
      {replies.length > 0 ? (
        expanded ? (
          <div className="replies">
            {replies.map((r) => (
              <PostView key={r.key} post={r} context={context} depth={depth + 1} tree={props.tree} locked={props.locked} />
            ))}
          </div>
        ) : (
          <button type="button" className="link-button show-more" onClick={() => setExpanded(true)}>
            Show {replies.length} more repl{replies.length === 1 ? 'y' : 'ies'}
          </button>
        )
      ) : null}
      {post.kind === 'thread' && !props.locked ? <ReplyForm parent={post} threadKey={threadKey} context={context} persistent /> : null}
      {post.kind === 'thread' && props.locked ? <p className="hint">This thread is locked: no new replies.</p> : null}
    </div>
  );
}

function ReplyForm(props: { parent: Post; threadKey: string; context: Context; onDone?(): void; persistent?: boolean }) {
  const { context, parent } = props;
  const [body, setBody, discard] = useDraft(replyDraft(context, parent, !props.persistent));
  const [threadAuthorId, threadId] = [props.threadKey.slice(0, 36), props.threadKey.slice(37)];
  const send = () => {
    if (!body.trim()) return;
    const now = Date.now();
    writePost(context.room.doc, context.me.id, {
      id: crypto.randomUUID(), kind: 'reply', title: '', body: body.trim(), threadId, threadAuthorId,
      parentId: parent.id, parentAuthorId: parent.authorId, link: null, createdAt: now, updatedAt: now, deleted: false,
    });
    discard();
    props.onDone?.();
  };
  const id = `reply-${props.persistent ? 'thread' : parent.key}`;
  return (
    <form
      className="reply-form"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <MentionTextarea id={id} label={props.persistent ? 'Reply to the thread' : `Reply to ${context.names.get(parent.authorId) ?? 'this post'}`} value={body} onChange={setBody} members={context.members} rows={props.persistent ? 3 : 2} maxLength={POST_LIMITS.body} onSubmitShortcut={send} />
      <button type="submit" className="small" disabled={!body.trim()}>
        Reply
      </button>
      {props.onDone ? (
        <button
          type="button"
          className="small secondary"
          onClick={() => {
            discard();
            props.onDone?.();
          }}
        >
          Cancel
        </button>
      ) : null}
    </form>
  );
}

function EditPost({ post, context, onDone }: { post: Post; context: Context; onDone(): void }) {
  const [title, setTitle] = useState(post.title);
  const [body, setBody] = useState(post.body);
  return (
    <form
      className="reply-form"
      onSubmit={(e) => {
        e.preventDefault();
        editPost(context.room.doc, context.me.id, post, { title: post.kind === 'thread' ? title.trim() || post.title : '', body: body.trim() });
        onDone();
      }}
    >
      {post.kind === 'thread' ? (
        <div className="field">
          <label htmlFor={`edit-title-${post.key}`}>Title</label>
          <input id={`edit-title-${post.key}`} type="text" value={title} maxLength={POST_LIMITS.title} onChange={(e) => setTitle(e.target.value)} />
        </div>
      ) : null}
      <MentionTextarea id={`edit-${post.key}`} label="Edit" value={body} onChange={setBody} members={context.members} maxLength={POST_LIMITS.body} />
      <button type="submit" className="small">
        Save
      </button>
      <button type="button" className="small secondary" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

