/**
 * A seminar's record: who joined, what was spotlighted and when, the questions and their answers. Members of the course read it; the
 * instructor posts it to the board as a thread in one click (the browser writes the thread into the board
 * room, as any thread is written, then this route remembers which thread it was). docs/seminar-mode.md.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { markRecordPosted, seminarAttendance, seminarSpotlights } from '../../db/queries/seminars';
import { PostRecordButton } from '~/components/seminar/post-record';
import { RouteError } from '~/components/route-error';
import { requireSeminar } from '~/lib/seminar/require-seminar.server';
import { questionsFor } from '~/lib/seminar/questions.server';
import { recordThread, seminarSpan } from '~/lib/seminar/record';
import { seminarHref } from '~/lib/seminar/live.server';
import { formatDateTime, timeZoneOf } from '~/lib/time-zone';


export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership, seminar } = await requireSeminar(request, params);
  const courseId = membership.course.id;
  const [attendees, spotlights, mine, asClassmate] = await Promise.all([
    seminarAttendance(seminar.id),
    seminarSpotlights(seminar.id),
    questionsFor(courseId, seminar.id, { id: user.id, role: membership.role }),
    // What the board thread says: as any classmate would see the questions.
    questionsFor(courseId, seminar.id, { id: '', role: 'student' }),
  ]);
  const timeZone = timeZoneOf(request);
  const title = seminar.compareTitle ? `${seminar.documentTitle} and ${seminar.compareTitle}` : seminar.documentTitle;
  const record = { title, leaderName: seminar.leaderName ?? 'an instructor', startedAt: seminar.startedAt, endedAt: seminar.endedAt, attendees, spotlights, questions: asClassmate.questions };
  return {
    courseId,
    me: { id: user.id },
    isInstructor: membership.role === 'instructor',
    seminar: { id: seminar.id, title, href: seminarHref(courseId, seminar), leaderName: record.leaderName, live: seminar.endedAt === null, postedThread: seminar.postedThread },
    span: seminarSpan(record, timeZone),
    // (Names and times only: no member ids in the page.)
    attendees: attendees.map((a) => ({ name: a.name, role: a.role, joinedAt: formatDateTime(a.joinedAt, timeZone).slice(-5) })),
    spotlights: spotlights.map((s) => ({ id: s.id, at: formatDateTime(s.at, timeZone).slice(-5), target: s.target, sourceTitle: s.sourceTitle })),
    questions: mine.questions,
    thread: recordThread(record, timeZone),
  };
}

/** Instructors: remember the board thread the record was posted as. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { membership, seminar } = await requireSeminar(request, params);
  if (membership.role !== 'instructor') throw new Response('Only instructors post a seminar’s record.', { status: 403 });
  const thread = (await request.formData()).get('thread');
  if (typeof thread !== 'string' || !/^[0-9a-f-]{36}:[\w-]{1,64}$/.test(thread)) return data({ error: 'Say which board thread the record was posted as.' }, { status: 400 });
  if (!(await markRecordPosted(membership.course.id, seminar.id, thread))) return data({ error: 'The seminar is still live: end it first.' }, { status: 409 });
  return { ok: true };
}

const kindLabel = { passage: 'Passage', note: 'Note', link: 'Evidence link' } as const;

export default function SeminarRecordPage() {
  const { courseId, me, isInstructor, seminar, span, attendees, spotlights, questions, thread } = useLoaderData<typeof loader>();
  const students = attendees.filter((a) => a.role !== 'instructor');
  return (
    <div className="seminar-record">
      <p className="crumbs">
        <Link to={`/c/${courseId}`}>Sources</Link> · Seminar
      </p>
      <h1>Seminar on {seminar.title}</h1>
      <p className="lede">
        Led by {seminar.leaderName} · {span}
      </p>
      {seminar.live ? (
        <p className="notice" role="status">
          This seminar is still live. <Link to={seminar.href}>Open it</Link>
        </p>
      ) : isInstructor ? (
        <PostRecordButton courseId={courseId} seminarId={seminar.id} me={me.id} thread={thread} postedThread={seminar.postedThread} />
      ) : seminar.postedThread ? (
        <p>
          <Link to={`/c/${courseId}/board?thread=${encodeURIComponent(seminar.postedThread)}`}>Discuss it on the board</Link>
        </p>
      ) : null}

      <section aria-labelledby="joined-heading">
        <h2 id="joined-heading">Joined ({students.length})</h2>
        {students.length === 0 ? (
          <p className="empty small">No student joined.</p>
        ) : (
          <ul className="attendance">
            {students.map((a, i) => (
              <li key={i}>
                {a.name} <span className="when">at {a.joinedAt}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="spotlights-heading">
        <h2 id="spotlights-heading">Spotlighted</h2>
        {spotlights.length === 0 ? (
          <p className="empty small">Nothing was spotlighted.</p>
        ) : (
          <ol className="spotlight-record">
            {spotlights.map((s) => (
              <li key={s.id}>
                <span className="when">{s.at}</span>{' '}
                {s.target ? (
                  <>
                    {kindLabel[s.target.type]}
                    {s.sourceTitle ? ` in ${s.sourceTitle}` : ''}: <q>{s.target.quote}</q>
                  </>
                ) : (
                  'Spotlight cleared'
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="questions-heading">
        <h2 id="questions-heading">Questions ({questions.length})</h2>
        {questions.length === 0 ? (
          <p className="empty small">No questions were asked.</p>
        ) : (
          <ol className="question-record">
            {questions.map((q) => (
              <li key={q.id}>
                <p className="question-body">{q.body}</p>
                <p className="question-meta">
                  {q.mine ? 'You' : (q.asker ?? 'Anonymous')}
                  {q.answered ? ' · Answered' : ' · Not answered'}
                </p>
                {q.answer ? <p className="question-answer">{q.answer}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Seminar on ${data.seminar.title} · Plenum` : 'Seminar · Plenum' }];

export function ErrorBoundary() {
  return <RouteError what="this seminar" />;
}
