/** The timeline's events made from passages of this source, in the reader's margin: each with its date, its ¶ (where its passage is now) and a way to the timeline. */
import { Link } from '@remix-run/react';
import { formatEventDate } from '~/lib/compare/event-dates';
import type { EventView } from './use-timeline';

export function EventsHere(props: {
  courseId: string;
  events: readonly EventView[];
  blockOf(view: EventView): number | null;
  me: string;
  /** Starts re-attaching one's own event whose passage is not in this version. */
  onReattach(view: EventView): void;
}) {
  if (props.events.length === 0) return null;
  return (
    <section className="events-here" aria-labelledby="events-here">
      <h3 id="events-here">On the timeline</h3>
      <ul>
        {props.events.map((view) => {
          const block = props.blockOf(view);
          return (
            <li key={view.key} className={view.flag?.hidden ? 'hidden-entry' : undefined}>
              <span className="event-date">{formatEventDate(view.event.when)}</span> {view.event.label}{' '}
              {block !== null ? <a href={`#b${block}`}>¶ {block}</a> : <span className="meta">(passage not found in this version)</span>} ·{' '}
              {block === null && view.event.authorId === props.me && !view.event.deleted ? (
                <>
                  <button type="button" className="link-button" onClick={() => props.onReattach(view)}>
                    re-attach
                  </button>{' '}
                  ·{' '}
                </>
              ) : null}
              <Link to={`/c/${props.courseId}/timeline?event=${encodeURIComponent(view.key)}`}>on the timeline</Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
