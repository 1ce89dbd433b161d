import { Form, useNavigation } from '@remix-run/react';
import { useEffect, useState } from 'react';
import type { FieldErrors } from '~/lib/forms';
import { ASSIGNMENT_LIMITS, type AssignmentFormValues } from '~/lib/assignments/form';

export type { AssignmentFormValues };
import { FormError } from '~/components/field';


/** A requirement's count with a hint below it: the hint and any error both describe the field. */
function CountField(props: { name: string; label: string; max: number; value: number; error?: string; children: React.ReactNode }) {
  const { name, error } = props;
  return (
    <div className="field">
      <label htmlFor={name}>{props.label}</label>
      <input
        id={name}
        name={name}
        type="number"
        min={0}
        max={props.max}
        defaultValue={props.value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-hint ${name}-error` : `${name}-hint`}
      />
      <p className="hint" id={`${name}-hint`}>
        {props.children}
      </p>
      <FieldMessage id={`${name}-error`} error={error} />
    </div>
  );
}

function FieldMessage({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="field-error" role="alert">
      {error}
    </p>
  ) : null;
}

/** The instructor's form to create or edit an assignment; every field shows its own error. */
export function AssignmentForm(props: {
  values: AssignmentFormValues;
  errors: FieldErrors;
  sources: { id: string; title: string; caseLabel: string; blockCount: number; archived: boolean }[];
  timeZone: string;
  published: boolean;
}) {
  const { values, errors } = props;
  const busy = useNavigation().state === 'submitting';
  // Dates are typed in the browser's own time zone, whatever the server assumed while rendering.
  const [timeZone, setTimeZone] = useState(props.timeZone);
  useEffect(() => setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  const [responseRequired, setResponseRequired] = useState(values.responseRequired);
  const invalid = (name: string) => (errors[name] ? { 'aria-invalid': true, 'aria-describedby': `${name}-error` } : {});
  return (
    <Form method="post" noValidate className="assignment-form">
      <input type="hidden" name="timeZone" value={timeZone} />
      <div className="field">
        <label htmlFor="title">Title</label>
        <input id="title" name="title" type="text" defaultValue={values.title} maxLength={ASSIGNMENT_LIMITS.title} {...invalid('title')} />
        <FieldMessage id="title-error" error={errors.title} />
      </div>
      <div className="field">
        <label htmlFor="prompt">Prompt</label>
        <textarea id="prompt" name="prompt" rows={7} defaultValue={values.prompt} aria-describedby="prompt-hint" {...invalid('prompt')} />
        <p id="prompt-hint" className="hint">
          Markdown: *emphasis*, **strong**, [links](https://…), &gt; quotes, lists.
        </p>
        <FieldMessage id="prompt-error" error={errors.prompt} />
      </div>
      <fieldset className="field">
        <legend>Kind</legend>
        <label>
          <input type="radio" name="kind" value="reading" defaultChecked={values.kind === 'reading'} /> Reading — notes on the sources
        </label>
        <label>
          <input type="radio" name="kind" value="compare" defaultChecked={values.kind === 'compare'} /> Compare — notes count only when they join
          two cases: written on a source of one case with a link to a source of another
        </label>
        <FieldMessage id="kind-error" error={errors.kind} />
      </fieldset>
      <div className="field-row">
        <div className="field">
          <label htmlFor="opensAt">Opens</label>
          <input id="opensAt" name="opensAt" type="datetime-local" defaultValue={values.opensAt} {...invalid('opensAt')} />
          <FieldMessage id="opensAt-error" error={errors.opensAt} />
        </div>
        <div className="field">
          <label htmlFor="dueAt">Due</label>
          <input id="dueAt" name="dueAt" type="datetime-local" defaultValue={values.dueAt} {...invalid('dueAt')} />
          <FieldMessage id="dueAt-error" error={errors.dueAt} />
        </div>
      </div>
      <p className="hint">Times are in your time zone ({timeZone}); students see them in theirs.</p>
      <fieldset className="field">
        <legend>Sources</legend>
        <p className="hint" id="focus-hint">
          Optionally point the class to paragraphs: “12, 14–16”.
        </p>
        {props.sources.map((s) => (
          <div key={s.id} className="source-choice">
            <label>
              <input type="checkbox" name="documentId" value={s.id} defaultChecked={s.id in values.documents} /> {s.title}{' '}
              <span className="meta">({s.caseLabel}, ¶ 1–{s.blockCount}{s.archived ? ', archived' : ''})</span>
            </label>
            <label className="focus-label">
              <span className="visually-hidden">Focus paragraphs in {s.title}</span>
              <input
                type="text"
                name={`focus-${s.id}`}
                placeholder="Focus ¶ (optional)"
                defaultValue={values.documents[s.id] ?? ''}
                aria-describedby={errors[`focus-${s.id}`] ? `focus-${s.id}-error` : 'focus-hint'}
                aria-invalid={errors[`focus-${s.id}`] ? true : undefined}
              />
            </label>
            <FieldMessage id={`focus-${s.id}-error`} error={errors[`focus-${s.id}`]} />
          </div>
        ))}
        <FieldMessage id="documentId-error" error={errors.documentId} />
      </fieldset>
      <fieldset className="field">
        <legend>Requirements</legend>
        <div className="field-row">
          <div className="field">
            <label htmlFor="minNotes">Minimum notes</label>
            <input id="minNotes" name="minNotes" type="number" min={0} max={ASSIGNMENT_LIMITS.minNotes} defaultValue={values.minNotes} {...invalid('minNotes')} />
            <FieldMessage id="minNotes-error" error={errors.minNotes} />
          </div>
          <div className="field">
            <label htmlFor="minReplies">Minimum replies to classmates</label>
            <input id="minReplies" name="minReplies" type="number" min={0} max={ASSIGNMENT_LIMITS.minReplies} defaultValue={values.minReplies} {...invalid('minReplies')} />
            <FieldMessage id="minReplies-error" error={errors.minReplies} />
          </div>
          <CountField name="minLinks" label="Minimum evidence links joining two cases" max={ASSIGNMENT_LIMITS.minLinks} value={values.minLinks} error={errors.minLinks}>
            Made in the compare view, from a passage of one of these sources to a passage of another case.
          </CountField>
          <CountField name="minMatrixEntries" label="Minimum matrix entries" max={ASSIGNMENT_LIMITS.minMatrixEntries} value={values.minMatrixEntries} error={errors.minMatrixEntries}>
            Claims in the class’s comparison matrix citing these sources, in at least two cases’ columns.
          </CountField>
        </div>
        <label>
          <input type="checkbox" name="responseRequired" checked={responseRequired} onChange={(e) => setResponseRequired(e.target.checked)} /> A written response
        </label>
        <div className="field">
          <label htmlFor="minWords">Minimum words in the response</label>
          <input id="minWords" name="minWords" type="number" min={0} max={ASSIGNMENT_LIMITS.minWords} defaultValue={values.minWords} disabled={!responseRequired} {...invalid('minWords')} />
          <FieldMessage id="minWords-error" error={errors.minWords} />
        </div>
              <div className="field">
          <label>
            <input type="checkbox" name="peerGate" defaultChecked={values.peerGate} aria-invalid={errors.peerGate ? true : undefined} aria-describedby={errors.peerGate ? 'peerGate-hint peerGate-error' : 'peerGate-hint'} /> Compare first, then see the
            class
          </label>
          <p id="peerGate-hint" className="hint">
            A compare assignment: until a student has made their own evidence links joining two cases (the minimum above, at least one), they see only their
            own and the instructors’ notes on these sources, and only their own and the instructors’ links, matrix entries and timeline events.
          </p>
          <FieldMessage id="peerGate-error" error={errors.peerGate} />
        </div>
      </fieldset>
      <FormError error={errors.form} />
      <div className="actions">
        {props.published ? (
          <button type="submit" name="intent" value="save" disabled={busy}>
            Save changes
          </button>
        ) : (
          <>
            <button type="submit" name="intent" value="publish" disabled={busy}>
              Publish
            </button>
            <button type="submit" name="intent" value="save" className="secondary" disabled={busy}>
              Save draft
            </button>
          </>
        )}
        {props.published ? <span className="hint"> Students will see that the assignment changed.</span> : null}
      </div>
    </Form>
  );
}
