/**
 * The parallel timeline: one lane per case and one for context, live from the compare room, aligned on
 * dates or on days from each case's crisis (which instructors set here), and the same events as a table.
 * Events are made in the reader (select a passage → Add to timeline…). Align and view are in the URL.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { useEffect, useMemo } from 'react';
import { listCourseCases } from '../../db/queries/cases';
import { listCourseDocuments } from '../../db/queries/documents';
import { listPeople } from '../../db/queries/people';
import { crisisDates, setCrisisDate } from '../../db/queries/timeline';
import { RouteError } from '~/components/route-error';
import { TimelineLanes } from '~/components/timeline/timeline-lanes';
import { TimelineTable } from '~/components/timeline/timeline-table';
import { useTimeline, type EventView } from '~/components/timeline/use-timeline';
import { requireCourseRole } from '~/lib/auth.server';
import { formatEventDate, parseEventDate } from '~/lib/compare/event-dates';
import { linkedBlock } from '~/lib/compare/links';
import { timelineFirstPaint } from '~/lib/compare/timeline-first-paint.server';
import { peerView } from '~/lib/compare/peer-gate.server';
import { layoutTimeline, type Align } from '~/lib/compare/timeline-layout';
import { useRoom } from '~/lib/notes/use-room';
import { roomName } from '~/lib/rooms/names';
import { readersOfCourse } from '~/lib/sources/open-source.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const courseId = membership.course.id;
  const isInstructor = membership.role === 'instructor';
  const peers = await peerView(courseId, user.id, membership.role);
  const [cases, crisis, people, sources, readers, painted] = await Promise.all([
    listCourseCases(courseId),
    crisisDates(courseId),
    listPeople(courseId),
    listCourseDocuments(courseId),
    readersOfCourse(courseId),
    timelineFirstPaint({ courseId, viewer: { id: user.id, isInstructor }, peers }),
  ]);
  return {
    courseId,
    me: { id: user.id },
    isInstructor,
    cases,
    crisis,
    names: readers.names,
    people: Object.fromEntries(people.map((p) => [p.id, p.name])),
    peopleIndex: people.map((p) => ({ id: p.id, name: p.name, caseId: p.caseId })),
    sources: Object.fromEntries(sources.map((s) => [s.id, s.title])),
    events: painted.events,
    blocks: painted.blocks,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { membership } = await requireCourseRole(request, params.courseId, 'instructor');
  const courseId = membership.course.id;
  const formData = await request.formData();
  const cases = await listCourseCases(courseId);
  const fieldErrors: Record<string, string> = {};
  const dates: [string, string | null][] = [];
  for (const c of cases) {
    const raw = String(formData.get(`crisis-${c.id}`) ?? '').trim();
    if (raw === '') {
      dates.push([c.id, null]);
      continue;
    }
    const parsed = parseEventDate(raw);
    if (!parsed.ok) fieldErrors[c.id] = parsed.error;
    else if (parsed.value.precision !== 'day' || parsed.value.end) fieldErrors[c.id] = `The crisis began on one day: give it, e.g. 18 June 1957 (not “${raw}”).`;
    else dates.push([c.id, parsed.value.start]);
  }
  if (Object.keys(fieldErrors).length > 0) return Response.json({ fieldErrors, values: Object.fromEntries(cases.map((c) => [c.id, String(formData.get(`crisis-${c.id}`) ?? '')])) }, { status: 400 });
  for (const [caseId, date] of dates) await setCrisisDate(courseId, caseId, date);
  return { message: 'Crisis days saved.' };
}

export default function TimelinePage() {
  const data = useLoaderData<typeof loader>();
  const { courseId, cases, crisis, isInstructor, me } = data;
  const answer = useActionData<{ fieldErrors?: Record<string, string>; values?: Record<string, string>; message?: string }>();
  const [params] = useSearchParams();
  const align: Align = params.get('align') === 'crisis' ? 'crisis' : 'dates';
  const view = params.get('view') === 'list' ? 'list' : 'lanes';
  const focused = params.get('event');
  const room = useRoom(roomName({ kind: 'compare', courseId }), me.id);
  const timeline = useTimeline({ room, me, isInstructor, names: data.names, firstPaint: data.events });
  const lanes = useMemo(
    () => [...cases.map((c) => ({ id: c.id as string | null, title: c.title, colour: c.colour as string | null, crisis: crisis[c.id] ?? null })), { id: null, title: 'Context', colour: null, crisis: null }],
    [cases, crisis],
  );
  const layout = useMemo(() => layoutTimeline(timeline.events, (v) => v.event.when, (v) => v.event.case, lanes, align), [timeline.events, lanes, align]);
  const laneTitle = (caseId: string | null) => lanes.find((l) => l.id === caseId)?.title ?? 'A removed case';
  const passageOf = (v: EventView) => {
    const end = v.event.target[0];
    const key = `${end.source}:${end.selector[0].start}`;
    const block = key in data.blocks ? data.blocks[key] : linkedBlock(end);
    const title = data.sources[end.source] ?? 'A removed source';
    return { href: `/c/${courseId}/d/${end.source}${block ? `#b${block}` : ''}`, label: block ? `${title} ¶ ${block}` : `${title} (passage not found)` };
  };
  const withParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(name);
    else next.set(name, value);
    next.delete('event');
    return `?${next}`;
  };
  // Opened from a source's margin: the event is brought into view.
  useEffect(() => {
    if (!focused) return;
    document.querySelector(view === 'list' ? `[id="event-${CSS.escape(focused)}"]` : '.event.focused')?.scrollIntoView({ block: 'center', inline: 'center' });
  }, [focused, view, timeline.ready]);
  const counted = cases.filter((c) => crisis[c.id]);
  return (
    <div className="timeline-page">
      <h1>Timeline</h1>
      <p className="lede">The two cases side by side in time. To add an event, select a passage in a source and choose <em>Add to timeline…</em>; to change or delete one you added, show the timeline as a list.</p>
      <div className="timeline-controls">
        <Segments label="Align the lanes" lead="Align by" current={align} options={[['dates', 'Date', withParam('align', null)], ['crisis', 'Days from the crisis', withParam('align', 'crisis')]]} />
        <Segments label="Show the timeline as" lead="Show as" current={view} options={[['lanes', 'Lanes', withParam('view', null)], ['list', 'List', withParam('view', 'list')]]} />
        <span className="meta" role="status">
          {timeline.live ? 'Live' : 'Connecting…'}
        </span>
      </div>
      {align === 'crisis' ? (
        <p className="hint">
          {counted.length > 0 ? `Day 0 is each case’s crisis: ${counted.map((c) => `${c.title}, ${formatEventDate({ start: crisis[c.id]!, precision: 'day' })}`).join('; ')}.` : 'No case has its crisis day yet.'}
          {layout.unplaced.length > 0 ? ` ${layout.unplaced.length} event${layout.unplaced.length === 1 ? ' is' : 's are'} not shown: context events, and those of a case without a crisis day, have no day 0 to count from.` : ''}
        </p>
      ) : null}
      {timeline.events.length === 0 ? (
        <div className="empty">
          <p>No events yet.</p>
          <p>
            Open a <Link to={`/c/${courseId}`}>source</Link>, select a passage, and choose <em>Add to timeline…</em>: give what happened, when (18 June 1957, June 1957, or 18–22 June 1957), and its lane.
          </p>
        </div>
      ) : view === 'lanes' ? (
        <TimelineLanes layout={layout} hrefOf={(v) => passageOf(v).href} focused={focused} peopleNames={data.people} />
      ) : (
        <TimelineTable events={timeline.events} timeline={timeline} me={me.id} isInstructor={isInstructor} laneTitle={laneTitle} peopleNames={data.people} cases={cases} people={data.peopleIndex} passageOf={passageOf} focused={focused} />
      )}
      {isInstructor ? <CrisisForm cases={cases} crisis={crisis} answer={answer} /> : null}
    </div>
  );
}

/** A choice made by following one of a few links (the choice is in the URL); the current one is marked. */
function Segments(props: { label: string; lead: string; current: string; options: [value: string, label: string, href: string][] }) {
  return (
    <nav aria-label={props.label}>
      {props.lead}{' '}
      {props.options.map(([value, label, href]) => (
        <Link key={value} to={href} aria-current={props.current === value ? 'true' : undefined} className="segment">
          {label}
        </Link>
      ))}
    </nav>
  );
}

function CrisisForm(props: { cases: { id: string; title: string }[]; crisis: Record<string, string | null>; answer?: { fieldErrors?: Record<string, string>; values?: Record<string, string>; message?: string } }) {
  const busy = useNavigation().state === 'submitting';
  const errors = props.answer?.fieldErrors ?? {};
  return (
    <section className="crisis-form" aria-labelledby="crisis-days">
      <h2 id="crisis-days">Each case’s crisis day</h2>
      <p className="hint">Day 0 when the lanes are aligned on “days from the crisis”.</p>
      <Form method="post" noValidate>
        {props.cases.map((c) => {
          const day = props.crisis[c.id];
          return (
            <div className="field" key={c.id}>
              <label htmlFor={`crisis-${c.id}`}>{c.title}</label>
              <input
                id={`crisis-${c.id}`}
                name={`crisis-${c.id}`}
                defaultValue={props.answer?.values?.[c.id] ?? (day ? formatEventDate({ start: day, precision: 'day' }) : '')}
                placeholder="e.g. 18 June 1957"
                aria-invalid={errors[c.id] ? true : undefined}
                aria-describedby={errors[c.id] ? `crisis-${c.id}-error` : undefined}
              />
              {errors[c.id] ? (
                <p id={`crisis-${c.id}-error`} className="field-error" role="alert">
                  {errors[c.id]}
                </p>
              ) : null}
            </div>
          );
        })}
        {props.answer?.message ? <p role="status">{props.answer.message}</p> : null}
        <button type="submit" disabled={busy}>
          Save crisis days
        </button>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: 'Timeline · Plenum' }];

export function ErrorBoundary() {
  return <RouteError what="the timeline" />;
}
