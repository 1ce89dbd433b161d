/**
 * The timeline drawn: one lane per case and one for context, on one axis of dates or of days from each
 * case's crisis (lib/compare/timeline-layout.ts). Each event is a link to its passage; a range is a bar
 * under its label. The lanes scroll sideways on a narrow screen; the list view holds the same events for
 * keyboard and screen-reader users.
 */
import { Link } from '@remix-run/react';
import { formatEventDate } from '~/lib/compare/event-dates';
import type { LaidOut } from '~/lib/compare/timeline-layout';
import type { EventView } from './use-timeline';

const ROW = 3.6; // rem per row of a lane

export function TimelineLanes(props: { layout: LaidOut<EventView>; hrefOf(view: EventView): string; focused: string | null; peopleNames: Record<string, string> }) {
  const { layout } = props;
  return (
    <div className="timeline-scroll">
      <div className="timeline-inner">
        <div className="timeline-axis" aria-hidden="true">
          {layout.ticks.map((t) => (
            <span key={`${t.at}`} className={t.label === 'crisis' ? 'tick crisis' : 'tick'} style={{ left: `${t.at * 100}%` }}>
              {t.label}
            </span>
          ))}
        </div>
        {layout.lanes.map(({ lane, placed, rows }) => (
          <section key={lane.id ?? 'context'} className="lane" aria-label={`${lane.title}: ${placed.length} event${placed.length === 1 ? '' : 's'}`} style={lane.colour ? { borderLeftColor: lane.colour } : undefined}>
            <h3 className="lane-title">{lane.title}</h3>
            <ol className="lane-events" style={{ height: `${rows * ROW}rem` }}>
              {layout.ticks.map((t) => (
                <li key={`grid-${t.at}`} className={t.label === 'crisis' ? 'grid crisis' : 'grid'} style={{ left: `${t.at * 100}%` }} aria-hidden="true" />
              ))}
              {placed.map(({ item: view, from, to, row }) => {
                const people = view.event.people.map((id) => props.peopleNames[id]).filter(Boolean);
                // A label near the right edge runs leftwards from its point.
                const flip = from > 0.78;
                const side = flip ? { right: `${(1 - from) * 100}%` } : { left: `${from * 100}%` };
                return [
                  to - from > 0.004 ? (
                    <li
                      key={`${view.key}-range`}
                      className="event-range"
                      style={{ left: `${from * 100}%`, width: `${(to - from) * 100}%`, top: `${row * ROW}rem`, ...(lane.colour ? { background: lane.colour } : {}) }}
                      aria-hidden="true"
                    />
                  ) : null,
                  <li key={view.key} className={`event${flip ? ' flip' : ''}${view.key === props.focused ? ' focused' : ''}${view.flag?.hidden ? ' hidden-entry' : ''}`} style={{ top: `${row * ROW}rem`, ...side }}>
                    <span className="event-dot" style={lane.colour ? { background: lane.colour } : undefined} aria-hidden="true" />
                    <Link to={props.hrefOf(view)} className="event-link" title={`${formatEventDate(view.event.when)}: ${view.event.label}${people.length ? ` (${people.join(', ')})` : ''} — by ${view.authorName}`}>
                      <span className="event-date">{formatEventDate(view.event.when)}</span>
                      <span className="event-label">{view.event.label}</span>
                    </Link>
                  </li>,
                ];
              })}
            </ol>
          </section>
        ))}
      </div>
    </div>
  );
}
