/** Editing one's own post in place. */
import { useState } from 'react';
import { editPost, POST_LIMITS, type Post } from '~/lib/board/model';
import { MentionTextarea } from './mention-textarea';
import type { Context } from './context';

export function EditPost({ post, context, onDone }: { post: Post; context: Context; onDone(): void }) {
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
