/**
 * "Suggest a correction…" on a selected passage (any member): what the passage should say, prefilled with
 * what it says, and why. Sent to the corrections route; field errors are shown in the dialog, which stays
 * open until the suggestion is stored, then the page says so with a way to the member's suggestions.
 */
import { Link, useFetcher } from '@remix-run/react';
import { useEffect, useId, useState } from 'react';
import { ConfirmDialog } from '~/components/confirm-dialog';
import { FormError } from '~/components/field';

type Passage = { start: number; end: number };
type Answer = { fieldErrors: Partial<Record<string, string>>; proposed: boolean };

export function useSuggestCorrection(source: { courseId: string; documentId: string; version: number; text: string }) {
  const [passage, setPassage] = useState<Passage | null>(null);
  const [sent, setSent] = useState(false);
  const fetcher = useFetcher<Answer>();
  const path = `/c/${source.courseId}/d/${source.documentId}/corrections`;
  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data?.proposed) {
      setPassage(null);
      setSent(true);
    }
  }, [fetcher.state, fetcher.data]);
  const dialog = passage ? (
    <SuggestDialog
      key={`${passage.start}:${passage.end}`}
      quote={source.text.slice(passage.start, passage.end)}
      errors={fetcher.data?.fieldErrors ?? {}}
      busy={fetcher.state !== 'idle'}
      onCancel={() => setPassage(null)}
      onSend={(proposed, reason) =>
        fetcher.submit({ intent: 'propose', version: source.version, start: passage.start, end: passage.end, proposed, reason }, { method: 'post', action: path })
      }
    />
  ) : null;
  const notice = sent ? (
    <p className="notice" role="status">
      Your suggestion is with your instructors. <Link to={path}>See your suggestions</Link>{' '}
      <button type="button" className="link-button" onClick={() => setSent(false)}>
        Dismiss
      </button>
    </p>
  ) : null;
  return {
    open: (p: Passage) => {
      setSent(false);
      setPassage(p);
    },
    dialog,
    notice,
  };
}

function SuggestDialog(props: { quote: string; errors: Partial<Record<string, string>>; busy: boolean; onCancel(): void; onSend(proposed: string, reason: string): void }) {
  const id = useId();
  const [proposed, setProposed] = useState(props.quote);
  const [reason, setReason] = useState('');
  const { errors } = props;
  return (
    <ConfirmDialog title="Suggest a correction" confirmLabel={props.busy ? 'Sending…' : 'Send to the instructors'} onCancel={props.onCancel} onConfirm={() => !props.busy && props.onSend(proposed, reason)}>
      <p className="hint">The text says:</p>
      <blockquote className="dialog-quote">{props.quote.length > 300 ? `${props.quote.slice(0, 300)}…` : props.quote}</blockquote>
      <div className="field">
        <label htmlFor={`${id}-proposed`}>It should say</label>
        <textarea
          id={`${id}-proposed`}
          value={proposed}
          onChange={(e) => setProposed(e.target.value)}
          rows={4}
          autoFocus
          aria-invalid={errors.proposed ? true : undefined}
          aria-describedby={errors.proposed ? `${id}-proposed-error` : undefined}
        />
        {errors.proposed ? (
          <p id={`${id}-proposed-error`} className="field-error" role="alert">
            {errors.proposed}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Why (optional)</label>
        <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. the OCR misread the name; the original reads …" aria-invalid={errors.reason ? true : undefined} />
        {errors.reason ? (
          <p className="field-error" role="alert">
            {errors.reason}
          </p>
        ) : null}
      </div>
      <FormError error={errors.form} />
    </ConfirmDialog>
  );
}
