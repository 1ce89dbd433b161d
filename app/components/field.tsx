import { useId } from 'react';

/** A labelled input with its error message announced to screen readers. */
export function Field(props: {
  label: string;
  name: string;
  type?: string;
  error?: string;
  defaultValue?: string;
  autoComplete?: string;
  hint?: string;
  required?: boolean;
  autoFocus?: boolean;
  /** For a file input: the kinds of file offered. */
  accept?: string;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [props.hint ? hintId : null, props.error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        defaultValue={props.defaultValue}
        autoComplete={props.autoComplete}
        required={props.required}
        autoFocus={props.autoFocus}
        accept={props.accept}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
      />
      {props.hint ? (
        <p id={hintId} className="hint">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={errorId} className="field-error" role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export function FormError({ error }: { error?: string }) {
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      {error}
    </p>
  );
}

/** What an action answered: its message, or the form-wide error (field errors show beside their fields). */
export function ActionOutcome({ data }: { data: { message?: string; fieldErrors?: Partial<Record<string, string>> } | undefined }) {
  return (
    <>
      {data?.message ? (
        <p className="notice" role="status">
          {data.message}
        </p>
      ) : null}
      <FormError error={data?.fieldErrors?.form} />
    </>
  );
}
