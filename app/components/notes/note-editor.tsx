import { useEffect, useId, useRef, useState } from 'react';
import { NOTE_LIMITS } from '~/lib/notes/model';
import type { NoteDraft, Visibility } from '~/lib/notes/views';

export function parseTags(input: string): string[] {
  return [...new Set(input.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

/** The note form: Markdown body, comma-separated tags, and who sees it. */
export function NoteEditor(props: {
  quote: string | null;
  initial?: Partial<NoteDraft>;
  canChooseStaff: boolean;
  allowVisibility: boolean;
  submitLabel: string;
  onSubmit(draft: NoteDraft): void;
  onCancel(): void;
  /** Told of every change, so the text can be kept while it is written. */
  onDraftChange?(draft: NoteDraft): void;
}) {
  const id = useId();
  const [body, setBody] = useState(props.initial?.body ?? '');
  const [tags, setTags] = useState((props.initial?.tags ?? []).join(', '));
  const [visibility, setVisibility] = useState<Visibility>(props.initial?.visibility ?? 'class');
  const [errors, setErrors] = useState<{ body?: string; tags?: string }>({});
  const { onDraftChange } = props;
  // Focused without scrolling: the editor opens where the reader is (beside the passage), and a
  // scroll to it before it is placed would throw them elsewhere. Tried again for a few frames: until
  // it is placed (or the phone's panel has opened) it is hidden, and a hidden field takes no focus.
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    let frame = 0;
    let tries = 0;
    const focus = () => {
      const body = bodyRef.current;
      body?.focus({ preventScroll: true });
      if (body && document.activeElement !== body && ++tries < 30) frame = requestAnimationFrame(focus);
    };
    focus();
    return () => cancelAnimationFrame(frame);
  }, []);
  useEffect(() => onDraftChange?.({ body, tags: parseTags(tags), visibility }), [onDraftChange, body, tags, visibility]);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsedTags = parseTags(tags);
    const next: typeof errors = {};
    if (body.trim() === '') next.body = 'Write something first';
    if (body.length > NOTE_LIMITS.body) next.body = `At most ${NOTE_LIMITS.body.toLocaleString('en')} characters (now ${body.length.toLocaleString('en')})`;
    if (parsedTags.length > NOTE_LIMITS.tags) next.tags = `At most ${NOTE_LIMITS.tags} tags`;
    else if (parsedTags.some((t) => t.length > NOTE_LIMITS.tagLength)) next.tags = `A tag is at most ${NOTE_LIMITS.tagLength} characters`;
    setErrors(next);
    if (Object.keys(next).length === 0) props.onSubmit({ body, tags: parsedTags, visibility });
  };

  return (
    <form
      className="note-editor"
      onSubmit={submit}
      aria-label="Note editor"
      onKeyDown={(e) => {
        // From any field of the editor, as the hint says.
        if (e.key === 'Escape') props.onCancel();
        else if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) submit(e);
      }}
    >
      {props.quote !== null ? <blockquote className="editor-quote">{props.quote.length > 240 ? `${props.quote.slice(0, 240)}…` : props.quote}</blockquote> : null}
      <label htmlFor={`${id}-body`}>Your note</label>
      <textarea
        id={`${id}-body`}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={4}
        ref={bodyRef}
        aria-invalid={errors.body ? true : undefined}
        aria-describedby={`${id}-body-hint${errors.body ? ` ${id}-body-error` : ''}`}
      />
      <p id={`${id}-body-hint`} className="hint">
        *emphasis*, [links](https://…), &gt; quotes, - lists. Ctrl+Enter saves, Esc cancels.
      </p>
      {errors.body ? (
        <p id={`${id}-body-error`} className="field-error" role="alert">
          {errors.body}
        </p>
      ) : null}
      <label htmlFor={`${id}-tags`}>Tags</label>
      <input id={`${id}-tags`} value={tags} onChange={(e) => setTags(e.target.value)} placeholder="e.g. factions, mikoyan" aria-invalid={errors.tags ? true : undefined} />
      {errors.tags ? (
        <p className="field-error" role="alert">
          {errors.tags}
        </p>
      ) : null}
      {props.allowVisibility ? (
        <fieldset className="visibility">
          <legend>Who sees it</legend>
          <label>
            <input type="radio" name={`${id}-vis`} checked={visibility === 'class'} onChange={() => setVisibility('class')} /> Class
          </label>
          <label>
            <input type="radio" name={`${id}-vis`} checked={visibility === 'private'} onChange={() => setVisibility('private')} /> Only me
          </label>
          {props.canChooseStaff ? (
            <label>
              <input type="radio" name={`${id}-vis`} checked={visibility === 'staff'} onChange={() => setVisibility('staff')} /> Instructors
            </label>
          ) : null}
        </fieldset>
      ) : null}
      <div className="editor-actions">
        <button type="submit">{props.submitLabel}</button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
