/** Starting a thread: title, body with @mentions, and optionally a link to a passage or note; kept as a draft. */
import { useNavigate } from '@remix-run/react';
import { useState } from 'react';
import { entryKey, POST_LIMITS, writePost } from '~/lib/board/model';
import { useDraft } from '~/lib/drafts';
import { MentionTextarea } from './mention-textarea';
import { newThreadDraft, type BoardProps, type Context } from './context';

export function NewThread(props: { context: Context; linkTargets: BoardProps['linkTargets']; initialLink: { href: string; label: string } | null; onDone(): void }) {
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
