/** A reply to a thread or a post, kept as a draft until sent. */
import { POST_LIMITS, writePost, type Post } from '~/lib/board/model';
import { useDraft } from '~/lib/drafts';
import { MentionTextarea } from './mention-textarea';
import { replyDraft, type Context } from './context';

export function ReplyForm(props: { parent: Post; threadKey: string; context: Context; onDone?(): void; persistent?: boolean }) {
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
