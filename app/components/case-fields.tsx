/**
 * The rows of a course's cases in a form (creating a course, its settings): a name, a summary and a
 * colour each. "Add a case" and "Remove" are submit buttons the action answers by showing one row more
 * or less, so the form works without the page's scripts and keeps what was typed.
 */
import { MAX_CASES, MIN_CASES, type CaseFieldRow } from '~/lib/cases';

/** `revision` changes with every add or remove, so the rows are laid out afresh with what was typed. */
export function CaseFields({ rows, errors, revision = 0 }: { rows: CaseFieldRow[]; errors: Partial<Record<string, string>>; revision?: number }) {
  return (
    <fieldset className="case-fields">
      <legend>Cases compared</legend>
      <p className="hint">
        Name the cases your class compares, {MIN_CASES} to {MAX_CASES}. Each source belongs to one, or to all of them.
      </p>
      <input type="hidden" name="caseCount" value={rows.length} />
      {errors.cases ? (
        <p className="field-error" role="alert">
          {errors.cases}
        </p>
      ) : null}
      {rows.map((row, i) => {
        const error = (field: string) => errors[`case-${i}-${field}`];
        const id = (field: string) => `case-${i}-${field}`;
        return (
          <div key={`${revision}-${i}`} className="case-row" style={{ '--case-colour': row.colour } as React.CSSProperties}>
            {row.id ? <input type="hidden" name={id('id')} value={row.id} /> : null}
            <div className="field">
              <label htmlFor={id('title')}>Case {i + 1}</label>
              <input
                id={id('title')}
                name={id('title')}
                defaultValue={row.title}
                placeholder={i === 0 ? 'For example “Moscow, June 1957”' : undefined}
                required
                maxLength={120}
                aria-invalid={error('title') ? true : undefined}
                aria-describedby={error('title') ? `${id('title')}-error` : undefined}
              />
              {error('title') ? (
                <p id={`${id('title')}-error`} className="field-error" role="alert">
                  {error('title')}
                </p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor={id('summary')}>Summary of case {i + 1} (optional)</label>
              <textarea id={id('summary')} name={id('summary')} defaultValue={row.summary} rows={2} aria-invalid={error('summary') ? true : undefined} />
              {error('summary') ? (
                <p className="field-error" role="alert">
                  {error('summary')}
                </p>
              ) : null}
            </div>
            <div className="case-row-tools">
              <label htmlFor={id('colour')}>Colour</label>
              <input id={id('colour')} name={id('colour')} type="color" defaultValue={row.colour} />
              {error('colour') ? <span className="field-error">{error('colour')}</span> : null}
              {rows.length > MIN_CASES ? (
                <button type="submit" name="intent" value={`remove-case-${i}`} className="small secondary" formNoValidate>
                  Remove case {i + 1}
                </button>
              ) : null}
            </div>
          </div>
        );
      })}
      {rows.length < MAX_CASES ? (
        <button type="submit" name="intent" value="add-case" className="small secondary" formNoValidate>
          Add a case
        </button>
      ) : null}
    </fieldset>
  );
}
