/**
 * Two sources to read side by side: a plain GET form to the compare view (it works before the page's
 * scripts have loaded), used on the course home, as the compare view's own toolbar, and as its empty state.
 */
import { Form } from '@remix-run/react';
import { caseLabel, type CourseCase } from '~/lib/cases';

export interface PickableSource {
  id: string;
  title: string;
  /** Its case in the course; null: every case. */
  caseId: string | null;
}

export function SourcePairPicker(props: {
  courseId: string;
  sources: PickableSource[];
  cases: CourseCase[];
  left: string | null;
  right: string | null;
  /** Distinguishes the ids of two pickers on one page. */
  idPrefix?: string;
  submitLabel?: string;
  compact?: boolean;
}) {
  const { sources, idPrefix = 'pair' } = props;
  const option = (s: PickableSource) => (
    <option key={s.id} value={s.id}>
      {s.title} ({caseLabel(props.cases, s.caseId)})
    </option>
  );
  const select = (side: 'left' | 'right', label: string, value: string | null) => (
    <span className="pair-field">
      <label htmlFor={`${idPrefix}-${side}`}>{label}</label>
      <select id={`${idPrefix}-${side}`} name={side} defaultValue={value ?? ''} key={value ?? ''} required>
        <option value="" disabled>
          Choose a source…
        </option>
        {sources.map(option)}
      </select>
    </span>
  );
  return (
    <Form method="get" action={`/c/${props.courseId}/compare`} className={`pair-picker${props.compact ? ' compact' : ''}`}>
      {select('left', 'Left', props.left)}
      {select('right', 'Right', props.right)}
      <button type="submit" className={props.compact ? 'small' : undefined}>
        {props.submitLabel ?? 'Open side by side'}
      </button>
    </Form>
  );
}

/** A first pair to suggest: the first source of one case beside the first of another. */
export function suggestedPair(sources: PickableSource[]): { left: string | null; right: string | null } {
  const left = sources.find((s) => s.caseId !== null) ?? sources[0];
  const right = sources.find((s) => s.caseId !== null && s.caseId !== left?.caseId) ?? sources.find((s) => s !== left);
  return { left: left?.id ?? null, right: right?.id ?? null };
}
