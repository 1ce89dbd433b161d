/**
 * The timeline as a table, by date: what the lanes show, for keyboard and screen-reader users and for
 * reading every event in full. Authors edit their own events, or delete them (asked first); instructors
 * hide one from students, with a reason, or show it again.
 */
import { Link } from '@remix-run/react';
import { useState } from 'react';
import { ConfirmDialog } from '~/components/confirm-dialog';
import { HideDialog } from '~/components/hide-dialog';
import type { CourseCase } from '~/lib/cases';
import { formatEventDate } from '~/lib/compare/event-dates';
import { EventDialog } from './event-dialog';
import type { Timeline, EventView } from './use-timeline';

export function TimelineTable(props: {
  events: readonly EventView[];
  timeline: Timeline;
  me: string;
  isInstructor: boolean;
  laneTitle(caseId: string | null): string;
  peopleNames: Record<string, string>;
  /** For editing an event: the lanes and the people it may name. */
  cases: readonly CourseCase[];
  people: readonly { id: string; name: string; caseId: string | null }[];
  passageOf(view: EventView): { href: string; label: string };
  focused: string | null;
}) {
  const [asking, setAsking] = useState<{ view: EventView; what: 'edit' | 'delete' | 'hide' } | null>(null);
  if (props.events.length === 0) return null;
  return (
    <>
      <table className="timeline-table">
        <caption className="visually-hidden">The timeline’s events by date</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Lane</th>
            <th scope="col">What happened</th>
            <th scope="col">People</th>
            <th scope="col">Passage</th>
            <th scope="col">By</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.events.map((view) => {
            const passage = props.passageOf(view);
            return (
              <tr key={view.key} id={`event-${view.key}`} className={`${view.key === props.focused ? 'focused ' : ''}${view.flag?.hidden ? 'hidden-entry' : ''}`}>
                <td className="event-date">{formatEventDate(view.event.when)}</td>
                <td>{props.laneTitle(view.event.case)}</td>
                <td>
                  {view.event.label}
                  {view.flag?.hidden ? <span className="meta"> (hidden from students{view.flag.reason ? `: ${view.flag.reason}` : ''})</span> : null}
                </td>
                <td>{view.event.people.map((id) => props.peopleNames[id] ?? 'Removed from the index').join(', ')}</td>
                <td>
                  <Link to={passage.href}>{passage.label}</Link>
                </td>
                <td>{view.authorName}</td>
                <td className="row-actions">
                  {view.event.authorId === props.me ? (
                    <>
                      <button type="button" className="small secondary" disabled={!props.timeline.live} onClick={() => setAsking({ view, what: 'edit' })} aria-label={`Edit the event ${view.event.label}`}>
                        Edit
                      </button>
                      <button type="button" className="small secondary" disabled={!props.timeline.live} onClick={() => setAsking({ view, what: 'delete' })} aria-label={`Delete the event ${view.event.label}`}>
                        Delete
                      </button>
                    </>
                  ) : null}
                  {props.isInstructor ? (
                    view.flag?.hidden ? (
                      <button type="button" className="small secondary" disabled={!props.timeline.live} onClick={() => props.timeline.setHidden(view, false, '')}>
                        Show to students
                      </button>
                    ) : (
                      <button type="button" className="small secondary" disabled={!props.timeline.live} onClick={() => setAsking({ view, what: 'hide' })} aria-label={`Hide the event ${view.event.label} from students`}>
                        Hide
                      </button>
                    )
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {asking?.what === 'edit' ? (
        <EventDialog
          passage={{ title: props.passageOf(asking.view).label, block: null, quote: asking.view.event.target[0].selector[1].exact }}
          cases={props.cases}
          people={props.people}
          caseId={asking.view.event.case}
          initial={{ label: asking.view.event.label, when: asking.view.event.when, caseId: asking.view.event.case, people: asking.view.event.people }}
          ready={props.timeline.live}
          onCancel={() => setAsking(null)}
          onSave={(fields) => {
            const refusal = props.timeline.edit(asking.view, { label: fields.label, when: fields.when, case: fields.caseId, people: fields.people });
            if (!refusal) setAsking(null);
            return refusal;
          }}
        />
      ) : null}
      {asking?.what === 'delete' ? (
        <ConfirmDialog
          title="Delete this event?"
          confirmLabel="Delete"
          danger
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            props.timeline.remove(asking.view);
            setAsking(null);
          }}
        >
          <p>“{asking.view.event.label}” goes from the timeline for the whole class. This cannot be undone.</p>
        </ConfirmDialog>
      ) : null}
      {asking?.what === 'hide' ? (
        <HideDialog
          what="event"
          onCancel={() => setAsking(null)}
          onHide={(reason) => {
            props.timeline.setHidden(asking.view, true, reason);
            setAsking(null);
          }}
        />
      ) : null}
    </>
  );
}
