/**
 * The corrections page's two views: the instructors' queue (each waiting suggestion with its change word
 * by word, editable before accepting; several accepted at once as one new version, after confirming; one
 * rejected with a reason), and a member's own suggestions with what became of them.
 */
import { Form, Link, useNavigation, useSubmit } from '@remix-run/react';
import { useRef, useState } from 'react';
import { ConfirmDialog } from '~/components/confirm-dialog';
import { FormError } from '~/components/field';
import type { WordPart } from '~/lib/sources/block-diff';
import { WordChanges } from './word-changes';

export interface CorrectionItem {
  id: string;
  quote: string;
  proposed: string;
  reason: string;
  proposerName: string;
  status: 'pending' | 'accepted' | 'rejected';
  decisionReason: string;
  acceptedText: string | null;
  publishedVersion: number | null;
  words: WordPart[] | null;
  /** Where a waiting one's passage is in the newest text; `stale`: it is no longer there. */
  block: number | null;
  stale: boolean;
}

export function CorrectionQueue(props: { courseId: string; documentId: string; version: number; corrections: readonly CorrectionItem[]; errors: Partial<Record<string, string>>; shared: boolean }) {
  const { errors } = props;
  const waiting = props.corrections.filter((c) => c.status === 'pending');
  const decided = props.corrections.filter((c) => c.status !== 'pending');
  const form = useRef<HTMLFormElement>(null);
  const submit = useSubmit();
  const busy = useNavigation().state === 'submitting';
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const toggle = (id: string, on: boolean) => setChosen((was) => (on ? new Set([...was, id]) : new Set([...was].filter((x) => x !== id))));
  return (
    <>
      <FormError error={errors.form} />
      {props.shared ? <p className="notice warning">This source is also read in another course, so its text cannot be corrected from here.</p> : null}
      {waiting.length === 0 ? (
        <p className="empty">No suggestions are waiting. Members suggest one by selecting a passage in the reader and choosing “Suggest a correction…”.</p>
      ) : (
        <Form method="post" ref={form} className="correction-queue" onSubmit={(e) => e.preventDefault()}>
          <input type="hidden" name="intent" value="accept" />
          <p className="hint">
            Choose the suggestions to accept (edit one first if it needs it): they are published together as version {props.version + 1}, and each proposer is credited and told.
          </p>
          <ol className="correction-list">
            {waiting.map((c) => (
              <li key={c.id} className="correction">
                <label className="correction-choice">
                  <input type="checkbox" name="accept" value={c.id} checked={chosen.has(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} disabled={c.stale || props.shared} /> Accept
                  {c.block !== null ? ` (¶ ${c.block})` : ''}
                </label>
                <p className="meta">
                  {c.proposerName} suggests{c.stale ? ' (its passage is no longer in the newest text)' : ''}:
                </p>
                <WordChanges before={c.quote} after={c.proposed} words={c.words} />
                {c.reason ? <p className="correction-reason">“{c.reason}”</p> : null}
                <details open={Boolean(errors[`text-${c.id}`])}>
                  <summary>Edit before accepting</summary>
                  <label htmlFor={`text-${c.id}`} className="visually-hidden">
                    Text to accept for {c.proposerName}’s suggestion
                  </label>
                  <textarea id={`text-${c.id}`} name={`text-${c.id}`} defaultValue={c.proposed} rows={3} aria-invalid={errors[`text-${c.id}`] ? true : undefined} />
                </details>
                {errors[`text-${c.id}`] ? <p className="field-error" role="alert">{errors[`text-${c.id}`]}</p> : null}
                <div className="reject-row">
                  <label htmlFor={`reason-${c.id}`}>Reason to reject</label>
                  <input id={`reason-${c.id}`} name={`reason-${c.id}`} form={`reject-${c.id}`} aria-invalid={errors[`reason-${c.id}`] ? true : undefined} />
                  <button type="submit" form={`reject-${c.id}`} className="small secondary" disabled={busy || props.shared}>
                    Reject
                  </button>
                </div>
                {errors[`reason-${c.id}`] ? <p className="field-error" role="alert">{errors[`reason-${c.id}`]}</p> : null}
              </li>
            ))}
          </ol>
          <div className="form-actions">
            <button type="button" disabled={chosen.size === 0 || busy || props.shared} onClick={() => setConfirming(true)}>
              {busy ? 'Publishing…' : `Accept ${chosen.size > 0 ? `${chosen.size} ` : ''}and publish version ${props.version + 1}`}
            </button>
          </div>
        </Form>
      )}
      {/* (Each rejection is a form of its own, outside the queue's: its fields point here with form="…".) */}
      {waiting.map((c) => (
        <Form key={c.id} method="post" id={`reject-${c.id}`}>
          <input type="hidden" name="intent" value="reject" />
          <input type="hidden" name="id" value={c.id} />
        </Form>
      ))}
      {confirming ? (
        <ConfirmDialog
          title={`Publish version ${props.version + 1}?`}
          confirmLabel={`Publish version ${props.version + 1}`}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            const body = new FormData(form.current!);
            submit(body, { method: 'post' });
          }}
        >
          <p>
            {chosen.size === 1 ? 'This correction is' : `These ${chosen.size} corrections are`} applied to the newest text and published as version {props.version + 1}. Notes
            follow their passages; a published version cannot be withdrawn.
          </p>
        </ConfirmDialog>
      ) : null}
      <DecidedCorrections corrections={decided} courseId={props.courseId} documentId={props.documentId} />
    </>
  );
}

export function OwnCorrections(props: { courseId: string; documentId: string; corrections: readonly CorrectionItem[] }) {
  if (props.corrections.length === 0) {
    return (
      <p className="empty">
        You have not suggested a correction to this source. In the <Link to={`/c/${props.courseId}/d/${props.documentId}`}>reader</Link>, select a passage the OCR got wrong and choose “Suggest a
        correction…”.
      </p>
    );
  }
  const waiting = props.corrections.filter((c) => c.status === 'pending');
  return (
    <>
      {waiting.length > 0 ? (
        <section aria-labelledby="waiting-title">
          <h2 id="waiting-title">Waiting for your instructors</h2>
          <ol className="correction-list">
            {waiting.map((c) => (
              <li key={c.id} className="correction">
                <WordChanges before={c.quote} after={c.proposed} words={c.words} />
                {c.reason ? <p className="correction-reason">“{c.reason}”</p> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <DecidedCorrections corrections={props.corrections.filter((c) => c.status !== 'pending')} courseId={props.courseId} documentId={props.documentId} />
    </>
  );
}

function DecidedCorrections(props: { corrections: readonly CorrectionItem[]; courseId: string; documentId: string }) {
  if (props.corrections.length === 0) return null;
  return (
    <section aria-labelledby="decided-title">
      <h2 id="decided-title">Decided</h2>
      <ol className="correction-list decided">
        {props.corrections.map((c) => (
          <li key={c.id} className={`correction ${c.status}`}>
            <p className="meta">
              {c.proposerName} ·{' '}
              {c.status === 'accepted' ? (
                <>
                  accepted in <Link to={`/c/${props.courseId}/d/${props.documentId}?v=${c.publishedVersion}`}>version {c.publishedVersion}</Link>
                  {c.acceptedText !== c.proposed ? ' (edited)' : ''}
                </>
              ) : (
                <>not accepted: {c.decisionReason}</>
              )}
            </p>
            <WordChanges before={c.quote} after={c.acceptedText ?? c.proposed} words={c.words} />
          </li>
        ))}
      </ol>
    </section>
  );
}
