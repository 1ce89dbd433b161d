/**
 * A student's written response to an assignment: saved a moment after each pause in typing, kept in
 * this browser until the server has it, submitted once (with a confirmation).
 */
import { useRevalidator } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from '~/components/confirm-dialog';
import { FormError } from '~/components/field';
import { readDraft, writeDraft } from '~/lib/drafts';
import { ASSIGNMENT_LIMITS } from '~/lib/assignments/form';
import { countWords } from '~/lib/assignments/progress';
import { formatDateTime } from '~/lib/time-zone';

type Answer = { savedAt?: string; submittedAt?: string; late?: boolean; fieldErrors?: Record<string, string | undefined> };

/** POSTs to the response route; a network failure is an answer too (null), not a crash. */
async function send(url: string, intent: 'save' | 'submit', response: string): Promise<{ status: number; body: Answer } | null> {
  try {
    const res = await fetch(url, { method: 'POST', body: new URLSearchParams({ intent, response }) });
    const body = res.headers.get('Content-Type')?.includes('json') ? ((await res.json()) as Answer) : {};
    return { status: res.status, body };
  } catch {
    return null;
  }
}

/**
 * The written response: saved a moment after each pause in typing (and kept in this browser until
 * the server has it, so a reload or a lost connection loses nothing), then submitted once.
 */
export function ResponseEditor(props: {
  url: string;
  draftKey: string;
  minWords: number;
  dueAt: string;
  timeZone: string;
  submission: { response: string; savedAt: string | null; submittedAt: string | null };
}) {
  const [text, setText] = useState(props.submission.response);
  const [state, setState] = useState<'saved' | 'dirty' | 'saving' | 'offline' | 'error'>('saved');
  const [savedAt, setSavedAt] = useState(props.submission.savedAt);
  const [submittedAt, setSubmittedAt] = useState(props.submission.submittedAt);
  const [submitting, setSubmitting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // An instructor may reopen a submission: the page's data then says it is no longer submitted.
  useEffect(() => setSubmittedAt(props.submission.submittedAt), [props.submission.submittedAt]);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const revalidator = useRevalidator();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const latest = useRef(text);
  latest.current = text;
  const words = countWords(text);

  // A draft this browser kept but the server never got (the tab closed, the connection dropped).
  useEffect(() => {
    const kept = readDraft(props.draftKey);
    if (kept !== null && kept !== props.submission.response && !props.submission.submittedAt) {
      setText(kept);
      schedule(kept, 0);
    }
    return () => clearTimeout(timer.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a kept draft is restored once, on arrival
  }, []);

  const save = async (value: string) => {
    setState('saving');
    const answer = await send(props.url, 'save', value);
    if (latest.current !== value) return; // typed on meanwhile: the next save carries it
    if (!answer) {
      setState('offline');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(value), 5000); // try again
    } else if (answer.body.savedAt) {
      writeDraft(props.draftKey, '');
      setSavedAt(answer.body.savedAt);
      setErrors({});
      setState('saved');
    } else {
      setErrors(answer.body.fieldErrors ?? { form: `Saving failed (${answer.status}). Your text is kept in this browser.` });
      setState('error');
    }
  };
  const schedule = (value: string, ms = 800) => {
    clearTimeout(timer.current);
    setState('dirty');
    timer.current = setTimeout(() => void save(value), ms);
  };
  // Keep unsaved words from vanishing with the tab.
  useEffect(() => {
    if (state === 'saved') return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state]);

  const submit = async () => {
    clearTimeout(timer.current);
    setSubmitting(true);
    const answer = await send(props.url, 'submit', text);
    setSubmitting(false);
    if (answer?.body.submittedAt) {
      writeDraft(props.draftKey, '');
      setSubmittedAt(answer.body.submittedAt);
      setState('saved');
      revalidator.revalidate(); // the status badge and counters
    } else {
      setErrors(answer ? answer.body.fieldErrors ?? { form: `Submitting failed (${answer.status}).` } : { form: 'No connection: not submitted. Your text is kept; try again when you are back online.' });
    }
  };

  if (submittedAt) {
    const late = new Date(submittedAt) > new Date(props.dueAt);
    return (
      <section aria-labelledby="response-heading" className="response">
        <h2 id="response-heading">Your response</h2>
        <p className="notice" role="status">
          Submitted {formatDateTime(submittedAt, props.timeZone)}
          {late ? ' — after the due time, marked late' : ''}.
        </p>
        <div className="submitted-response">{text}</div>
      </section>
    );
  }
  const status = {
    saved: savedAt ? `Saved ${formatDateTime(savedAt, props.timeZone)}` : 'Not started',
    dirty: 'Unsaved changes',
    saving: 'Saving…',
    offline: 'Offline — kept in this browser, saving when the connection returns',
    error: 'Not saved',
  }[state];
  return (
    <section aria-labelledby="response-heading" className="response">
      <h2 id="response-heading">Your response</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setConfirming(true);
        }}
      >
        <label htmlFor="response" className="visually-hidden">
          Your response
        </label>
        <textarea
          id="response"
          name="response"
          rows={12}
          value={text}
          maxLength={ASSIGNMENT_LIMITS.response}
          aria-describedby="response-status"
          aria-invalid={errors.response ? true : undefined}
          onChange={(e) => {
            setText(e.target.value);
            writeDraft(props.draftKey, e.target.value);
            schedule(e.target.value);
          }}
        />
        <p id="response-status" className="hint response-status">
          <span data-testid="word-count">
            {words} word{words === 1 ? '' : 's'}
            {props.minWords > 0 ? ` of at least ${props.minWords}` : ''}
          </span>{' '}
          · <span data-testid="save-state">{status}</span>
        </p>
        {errors.response ? (
          <p className="field-error" role="alert">
            {errors.response}
          </p>
        ) : null}
        <FormError error={errors.form} />
        <button type="submit" disabled={submitting}>
          {submitting ? 'Submitting…' : 'Submit response'}
        </button>{' '}
        <span className="hint">After submitting you can no longer change it (an instructor can reopen it). A submission after the due time is accepted and marked late.</span>
      </form>
      {confirming ? (
        <ConfirmDialog
          title="Submit your response?"
          confirmLabel="Submit"
          onConfirm={() => {
            setConfirming(false);
            void submit();
          }}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {words} word{words === 1 ? '' : 's'}
            {props.minWords > 0 && words < props.minWords ? `, fewer than the ${props.minWords} asked for` : ''}. Once submitted you can no longer change
            it (an instructor can reopen it for you).
            {new Date() > new Date(props.dueAt) ? ' It is past the due time, so it will be marked late.' : ''}
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
