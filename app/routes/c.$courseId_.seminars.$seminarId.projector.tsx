/**
 * The projector view: for the room's screen, in large type, outside the course frame (in two columns for a
 * seminar in the compare view). It follows the seminar
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
  const ids = [seminar.documentId, ...(seminar.compareWith ? [seminar.compareWith] : [])];
  const [opened, { questions }] = await Promise.all([
    Promise.all(ids.map((documentId) => getDocumentForReader({ courseId, documentId }))),
    questionsFor(courseId, seminar.id, { id: '', role: 'student' }),
  ]);
  if (opened.some((source) => !source)) throw new Response('The seminar’s source is no longer in this course.', { status: 404 });
  const view: LiveSeminarView = {
    id: seminar.id,
    documentId: seminar.documentId,
    compareWith: seminar.compareWith,
    title: seminar.compareTitle ? `${seminar.documentTitle} and ${seminar.compareTitle}` : seminar.documentTitle,
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
    sources: opened.map((source) => ({ id: source!.document.id, title: source!.document.title, version: source!.document.version, text: source!.text, blocks: source!.blocks })),
    questions: questions.map((q) => ({ id: q.id, body: q.body, asker: q.anonymous ? null : q.asker, answered: q.answered })),
  };
}

/** The compare view's scopes: the two columns' element ids and highlight names. */
const SCOPES = ['left-', 'right-'];

export default function Projector() {
  const { courseId, me, seminar, ended, sources, questions } = useLoaderData<typeof loader>();
  const root = useRef<HTMLDivElement>(null);
  const columns = [useRef<HTMLElement>(null), useRef<HTMLElement>(null)] as const;
  const compare = sources.length === 2;
  // Questions asked or answered, and the end, arrive as the course's seminar event.
  useUserEvents({ seminar: 'revalidate' });
  const sides = compare ? sources.map((source, i) => ({ source, root: columns[i]!, scroller: columns[i]!, scope: SCOPES[i] })) : [{ source: sources[0]!, root }];
  const reader = useSeminar({ courseId, seminar: ended ? null : seminar, me, sides, alwaysFollow: true });
  const answered = questions.filter((q) => q.answered).length;
  const target = reader?.spotlight?.target;
  return (
    <div className={compare ? 'projector two' : 'projector'} ref={root}>
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
        {compare ? (
          sources.map((source, i) => (
            <section key={source.id} ref={columns[i]} className="projector-column" aria-label={source.title}>
              <h2 className="side-header">{source.title}</h2>
              <SourceText text={source.text} blocks={source.blocks} scope={SCOPES[i]} />
            </section>
          ))
        ) : (
          <SourceText text={sources[0]!.text} blocks={sources[0]!.blocks} />
        )}
      </div>
      <aside className="projector-side" aria-label="Spotlight and questions">
        {target ? (
          <section className="projector-spotlight" aria-live="polite">
            <h2>{target.type === 'note' ? 'Spotlit note' : target.type === 'link' ? 'Spotlit link' : 'Spotlight'}</h2>
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
