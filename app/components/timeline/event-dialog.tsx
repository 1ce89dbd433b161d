/**
 * "Add to timeline…" on a selected passage (or editing an event, given `initial`): a label, a date as a historian writes it (its precision read
 * from it), the lane (a case, or the shared context), and the people of the index it concerns. Every
 * problem is said at once beside its field, and the dialog stays open until the event is written.
 */
import { useId, useState } from 'react';
import { ConfirmDialog } from '~/components/confirm-dialog';
import type { CourseCase } from '~/lib/cases';
import { formatEventDate, parseEventDate, type EventDate } from '~/lib/compare/event-dates';
import { TIMELINE_LIMITS } from '~/lib/compare/timeline';

export interface EventFields {
  label: string;
  when: EventDate;
  caseId: string | null;
  people: string[];
}

/** The lane's value in the form: a case's id, or this for the context lane. */
const CONTEXT = 'context';

export function EventDialog(props: {
  passage: { title: string; block: number | null; quote: string };
  cases: readonly CourseCase[];
  people: readonly { id: string; name: string; caseId: string | null }[];
  /** The lane chosen at first: the passage's source's case. */
  caseId: string | null;
  /** An event being edited: its fields as they are. */
  initial?: EventFields;
  ready: boolean;
  onSave(fields: EventFields): string | null;
  onCancel(): void;
}) {
  const id = useId();
  const initial = props.initial;
  const [label, setLabel] = useState(initial?.label ?? '');
  const [date, setDate] = useState(initial ? formatEventDate(initial.when) : '');
  const [lane, setLane] = useState((initial ? initial.caseId : props.caseId) ?? CONTEXT);
  const [people, setPeople] = useState<string[]>(initial?.people ?? []);
  const [errors, setErrors] = useState<Partial<Record<'label' | 'date' | 'people' | 'form', string>>>({});
  const parsed = date.trim() ? parseEventDate(date) : null;
  const laneCase = lane === CONTEXT ? null : lane;
  // The lane's people first, then everyone else's.
  const offered = [...props.people].sort((a, b) => Number(b.caseId === laneCase || b.caseId === null) - Number(a.caseId === laneCase || a.caseId === null) || a.name.localeCompare(b.name));
  const quote = props.passage.quote.length > 160 ? `${props.passage.quote.slice(0, 160)}…` : props.passage.quote;
  const described = (field: keyof typeof errors, hint?: string) => [hint, errors[field] ? `${id}-${field}-error` : null].filter(Boolean).join(' ') || undefined;
  const error = (field: keyof typeof errors) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className="field-error" role="alert">
        {errors[field]}
      </p>
    ) : null;
  return (
    <ConfirmDialog
      title={initial ? 'Edit the event' : 'Add to the timeline'}
      confirmLabel={initial ? 'Save event' : 'Add event'}
      onConfirm={() => {
        const problems: typeof errors = {};
        if (label.trim() === '') problems.label = 'Say what happened, in a few words.';
        else if (label.trim().length > TIMELINE_LIMITS.label) problems.label = `The label is ${label.trim().length} characters; at most ${TIMELINE_LIMITS.label}.`;
        const when = parseEventDate(date);
        if (!when.ok) problems.date = when.error;
        if (people.length > TIMELINE_LIMITS.people) problems.people = `At most ${TIMELINE_LIMITS.people} people.`;
        if (Object.keys(problems).length > 0 || !when.ok) return setErrors(problems);
        const refusal = props.onSave({ label: label.trim(), when: when.value, caseId: laneCase, people });
        setErrors(refusal ? { form: refusal } : {});
      }}
      onCancel={props.onCancel}
    >
      <p className="meta">
        {props.passage.title}
        {props.passage.block ? ` ¶ ${props.passage.block}` : ''}
      </p>
      <blockquote>{quote}</blockquote>
      {!props.ready ? (
        <p className="hint" role="status">
          Loading the timeline…
        </p>
      ) : null}
      <label htmlFor={`${id}-label`}>What happened</label>
      <input id={`${id}-label`} value={label} onChange={(e) => setLabel(e.target.value)} maxLength={TIMELINE_LIMITS.label + 40} aria-invalid={errors.label ? true : undefined} aria-describedby={described('label')} />
      {error('label')}
      <label htmlFor={`${id}-date`}>When</label>
      <input
        id={`${id}-date`}
        value={date}
        onChange={(e) => setDate(e.target.value)}
        placeholder="18 June 1957, June 1957, 1957, 18–22 June 1957"
        aria-invalid={errors.date ? true : undefined}
        aria-describedby={described('date', `${id}-date-hint`)}
      />
      <p id={`${id}-date-hint`} className="hint">
        {parsed?.ok ? `Read as ${formatEventDate(parsed.value)} (${parsed.value.end ? 'a range of ' : ''}${parsed.value.precision === 'day' ? 'days' : parsed.value.precision === 'month' ? 'months' : 'years'}).` : 'A day, a month, a year, or a range of them.'}
      </p>
      {error('date')}
      <label htmlFor={`${id}-lane`}>Lane</label>
      <select id={`${id}-lane`} value={lane} onChange={(e) => setLane(e.target.value)}>
        {props.cases.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
        <option value={CONTEXT}>Context (both cases)</option>
      </select>
      {props.people.length > 0 ? (
        <fieldset className="event-people" aria-describedby={described('people')}>
          <legend>People (optional)</legend>
          {offered.map((p) => (
            <label key={p.id}>
              <input type="checkbox" checked={people.includes(p.id)} onChange={(e) => setPeople(e.target.checked ? [...people, p.id] : people.filter((x) => x !== p.id))} /> {p.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      {error('people')}
      {error('form')}
    </ConfirmDialog>
  );
}
