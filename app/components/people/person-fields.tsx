/** A person's fields, for adding one and for editing one: name, role, case, and (adding) other spellings. */
import { useId } from 'react';
import { Field } from '~/components/field';
import type { CourseCase } from '~/lib/cases';

export function PersonFields(props: {
  cases: readonly CourseCase[];
  errors: Partial<Record<string, string>>;
  person?: { name: string; role: string; caseId: string | null };
  withSpellings?: boolean;
}) {
  const id = useId();
  const { errors, person } = props;
  return (
    <>
      <Field label="Name" name="name" defaultValue={person?.name} error={errors.name} required hint="As the index should list them, e.g. Choe Chang-ik." />
      <Field label="Role" name="role" defaultValue={person?.role} error={errors.role} hint="Optional: who they were in the case." />
      <div className="field">
        <label htmlFor={`${id}-case`}>Case</label>
        <select id={`${id}-case`} name="caseId" defaultValue={person?.caseId ?? ''} aria-invalid={errors.caseId ? true : undefined} aria-describedby={errors.caseId ? `${id}-case-error` : undefined}>
          {props.cases.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
          <option value="">{props.cases.length === 2 ? 'Both cases' : 'Every case'}</option>
        </select>
        {errors.caseId ? (
          <p id={`${id}-case-error`} className="field-error" role="alert">
            {errors.caseId}
          </p>
        ) : null}
      </div>
      {props.withSpellings ? (
        <div className="field">
          <label htmlFor={`${id}-spellings`}>Other spellings (one per line)</label>
          <textarea
            id={`${id}-spellings`}
            name="spellings"
            rows={3}
            aria-invalid={errors.spellings ? true : undefined}
            aria-describedby={`${id}-spellings-hint${errors.spellings ? ` ${id}-spellings-error` : ''}`}
          />
          <p id={`${id}-spellings-hint`} className="hint">
            Romanisations and misreadings as the sources write them, e.g. Choi Chang-ik. The surname alone, if the sources call them by it.
          </p>
          {errors.spellings ? (
            <p id={`${id}-spellings-error`} className="field-error" role="alert">
              {errors.spellings}
            </p>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
