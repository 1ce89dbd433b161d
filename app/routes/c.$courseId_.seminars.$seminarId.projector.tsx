/**
 * The projector view: for the room's screen, in large type, outside the course frame. It follows the seminar
 * by itself (the leader's position, scrolling it does not break away), marks the spotlight, and lists the
 * questions with how many are answered — always as a classmate sees them, whoever is signed in, since the
 * whole class reads the screen. When the seminar ends it says so and links the record. docs/seminar-mode.md.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useRef } from 'react';
import { getDocumentForReader } from '../../db/queries/documents';
import { RouteError } from '~/components/route-error';
import { SourceText } from '~/components/source-text';
import { useSeminar } from '~/components/seminar/use-seminar';
import { excerpt } from '~/lib/board/links';
import { questionsFor } from '~/lib/seminar/questions.server';
import { requireSeminar } from '~/lib/seminar/require-seminar.server';
import { seminarHref, type LiveSeminarView } from '~/lib/seminar/live.server';
import { useUserEvents } from '~/lib/user-events';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership, seminar } = await requireSeminar(request, params);
  const courseId = membership.course.id;
  const [source, { questions }] = await Promise.all([
    getDocumentForReader({ courseId, documentId: seminar.documentId }),
    questionsFor(courseId, seminar.id, { id: '', role: 'student' }),
  ]);
  if (!source) throw new Response('The seminar’s source is no longer in this course.', { status: 404 });
  const view: LiveSeminarView = {
    id: seminar.id,
    documentId: seminar.documentId,
    compareWith: seminar.compareWith,
    title: seminar.documentTitle,
    leaderId: seminar.ledBy,
    leaderName: seminar.leaderName ?? 'the instructor',
    leading: false,
    joined: true,
    href: seminarHref(courseId, seminar),
  };
  return {
    courseId,
    me: { id: user.id },
    seminar: view,
    ended: seminar.endedAt !== null,
    source: { id: source.document.id, version: source.document.version, text: source.text, blocks: source.blocks },
    questions: questions.map((q) => ({ id: q.id, body: q.body, asker: q.anonymous ? null : q.asker, answered: q.answered })),
  };
}

export default function Projector() {
  const { courseId, me, seminar, ended, source, questions } = useLoaderData<typeof loader>();
  const root = useRef<HTMLDivElement>(null);
  // Questions asked or answered, and the end, arrive as the course's seminar event.
  useUserEvents({ seminar: 'revalidate' });
  const reader = useSeminar({ courseId, seminar: ended ? null : seminar, me, source, root, alwaysFollow: true });
  const answered = questions.filter((q) => q.answered).length;
  const target = reader?.spotlight?.target;
  return (
    <div className="projector" ref={root}>
      <div className="projector-head">
        <h1>{seminar.title}</h1>
        <p>
          {ended ? (
            <>
              The seminar has ended. <Link to={`/c/${courseId}/seminars/${seminar.id}`}>Its record</Link>
            </>
          ) : (
            <>
              <span className="live-dot" aria-hidden="true" /> Led by {seminar.leaderName}
              {reader && !reader.leaderHere ? ' (not on this source at the moment)' : ''}
            </>
          )}
        </p>
      </div>
      <div className="projector-text">
        <SourceText text={source.text} blocks={source.blocks} />
      </div>
      <aside className="projector-side" aria-label="Spotlight and questions">
        {target ? (
          <section className="projector-spotlight" aria-live="polite">
            <h2>{target.type === 'note' ? 'Spotlit note' : 'Spotlight'}</h2>
            <q>{excerpt(target.quote, 200)}</q>
          </section>
        ) : null}
        <section aria-live="polite">
          <h2>
            Questions ({questions.length}){questions.length > 0 ? `, ${answered} answered` : ''}
          </h2>
          {questions.length === 0 ? (
            <p className="hint">No questions yet.</p>
          ) : (
            <ol className="projector-questions">
              {questions.map((q) => (
                <li key={q.id} className={q.answered ? 'answered' : undefined}>
                  {q.body}
                  <span className="question-meta">
                    {' '}
                    — {q.asker ?? 'anonymous'}
                    {q.answered ? ', answered' : ''}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </aside>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Projector: ${data.seminar.title} · Plenum` : 'Projector · Plenum' }];

export function ErrorBoundary() {
  return <RouteError what="this seminar" />;
}
