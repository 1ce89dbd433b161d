/** One post of a thread and the replies under it: edit, delete, hide, reply. */
import { useEffect, useState } from 'react';
import { HideDialog } from '~/components/hide-dialog';
import { markMentions } from '~/lib/board/mentions';
import { deletePost, entryKey, type Post } from '~/lib/board/model';
import { readDraft } from '~/lib/drafts';
import { renderMarkdown } from '~/lib/markdown';
import { setHidden } from '~/lib/notes/model';
import { AuthorName } from '~/components/author-name';
import { when, replyDraft, type Context } from './context';
import { ReplyForm } from './reply-form';
import { EditPost } from './edit-post';

/** A post, its actions, and its replies: two levels open, deeper ones behind a button. */
export function PostView(props: { post: Post; context: Context; depth: number; tree: Map<string, Post[]>; locked: boolean }) {
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
