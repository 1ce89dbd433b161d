import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { notesByIds } from '../../db/queries/notes';
import { STATUS_LABEL } from '../lib/assignments/progress';
import { loadReport } from '../lib/assignments/report.server';
import { renderMarkdown } from '../lib/markdown';
import { formatDateTime, timeZoneOf } from '../lib/time-zone';

/** What one student did for an assignment: the work behind each cell of the dashboard. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { courseId, assignment, progress } = await loadReport(request, params);
  const student = progress.find((p) => p.userId === params.userId);
  if (!student) throw new Response('That student is not in this course', { status: 404 });
  const written = await notesByIds({ courseId, authorId: student.userId, ids: [...student.noteIds, ...student.replyIds] });
  const link = (documentId: string, authorId: string, noteId: string) => `/c/${courseId}/d/${documentId}?note=${encodeURIComponent(`${authorId}:${noteId}`)}`;
  return {
    courseId,
    timeZone: timeZoneOf(request),
    assignment: { id: assignment.id, title: assignment.title, responseRequired: assignment.responseRequired, dueAt: assignment.dueAt.toISOString() },
    student: {
      name: student.displayName,
      status: student.status,
      words: student.words,
      response: student.response,
      submittedAt: student.submittedAt?.toISOString() ?? null,
    },
    notes: written.filter((n) => n.kind === 'note').map((n) => ({ ...n, bodyHtml: renderMarkdown(n.body), link: link(n.documentId, student.userId, n.id) })),
    replies: written
      .filter((n) => n.kind === 'reply')
      .map((n) => ({ ...n, bodyHtml: renderMarkdown(n.body), link: link(n.documentId, n.parentAuthorId!, n.parentId!) })),
  };
}

export default function StudentWork() {
  const { courseId, timeZone, assignment: a, student, notes, replies } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow-wide" id="top">
      <p className="breadcrumb">
        <Link to={`/c/${courseId}/assignments/${a.id}/dashboard`}>← Dashboard: {a.title}</Link>
      </p>
      <div className="page-head">
        <h1>{student.name}</h1>
        <span className={`badge status-${student.status}`}>{STATUS_LABEL[student.status]}</span>
      </div>
      <WorkSection id="notes" title="Notes that count" items={notes} timeZone={timeZone} linkText={(n) => n.documentTitle} />
      <WorkSection id="replies" title="Replies to classmates" items={replies} timeZone={timeZone} linkText={(n) => `In a thread on ${n.documentTitle}`} />
      {a.responseRequired ? (
        <section id="response" aria-labelledby="response-heading">
          <h2 id="response-heading">Response ({student.words} words)</h2>
          {student.submittedAt ? (
            <p className="meta">
              Submitted {formatDateTime(student.submittedAt, timeZone)}
              {new Date(student.submittedAt) > new Date(a.dueAt) ? ' — late' : ''}
            </p>
          ) : (
            <p className="meta">Not submitted{student.response ? ' (a draft is saved; you see it as it stands)' : ''}.</p>
          )}
          {student.response ? <div className="submitted-response">{student.response}</div> : null}
        </section>
      ) : null}
    </div>
  );
}

type WorkItem = { id: string; link: string; documentTitle: string; createdAt: Date | string; quote: string | null; bodyHtml: string };

/** One kind of work, each item linking to where it was written. */
function WorkSection(props: { id: string; title: string; items: WorkItem[]; timeZone: string; linkText(item: WorkItem): string }) {
  return (
    <section id={props.id} aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>
        {props.title} ({props.items.length})
      </h2>
      {props.items.length === 0 ? <p className="empty small">None yet.</p> : null}
      <ul className="work-list">
        {props.items.map((n) => (
          <li key={n.id}>
            <Link to={n.link}>{props.linkText(n)}</Link> <span className="meta">{formatDateTime(n.createdAt, props.timeZone)}</span>
            {n.quote ? <blockquote>{n.quote}</blockquote> : null}
            <div className="markdown" dangerouslySetInnerHTML={{ __html: n.bodyHtml }} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.student.name}: ${data.assignment.title} · Plenum` : 'Plenum' }];
