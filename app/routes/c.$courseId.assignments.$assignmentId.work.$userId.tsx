import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { reopenSubmission } from '../../db/queries/assignments';
import { notesByIds } from '../../db/queries/notes';
import { linksByIds } from '../../db/queries/links';
import { matrixEntriesByIds } from '../../db/queries/matrix';
import { notify } from '../../db/queries/notifications';
import { sql } from '../../db/sql';
import { ConfirmDialog } from '~/components/confirm-dialog';
import { STATUS_LABEL } from '~/lib/assignments/progress';
import { loadReport } from '~/lib/assignments/report.server';
import { renderMarkdown } from '~/lib/markdown';
import { formatDateTime, timeZoneOf } from '~/lib/time-zone';

/** What one student did for an assignment: the work behind each cell of the dashboard. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { courseId, assignment, progress } = await loadReport(request, params);
  const student = progress.find((p) => p.userId === params.userId);
  if (!student) throw new Response('That student is not in this course', { status: 404 });
  const [written, made, cited] = await Promise.all([
    notesByIds({ courseId, authorId: student.userId, ids: [...student.noteIds, ...student.replyIds] }),
    student.linkIds.length > 0 ? linksByIds({ courseId, authorId: student.userId, ids: student.linkIds }) : [],
    student.entryIds.length > 0 ? matrixEntriesByIds({ courseId, authorId: student.userId, ids: student.entryIds }) : [],
  ]);
  const link = (documentId: string, authorId: string, noteId: string) => `/c/${courseId}/d/${documentId}?note=${encodeURIComponent(`${authorId}:${noteId}`)}`;
  return {
    courseId,
    timeZone: timeZoneOf(request),
    assignment: { id: assignment.id, title: assignment.title, responseRequired: assignment.responseRequired, dueAt: assignment.dueAt.toISOString(), minLinks: assignment.minLinks, minMatrixEntries: assignment.minMatrixEntries },
    student: {
      name: student.displayName,
      status: student.status,
      words: student.words,
      response: student.response,
      submittedAt: student.submittedAt?.toISOString() ?? null,
    },
    notes: written.filter((n) => n.kind === 'note').map((n) => ({ ...n, bodyHtml: renderMarkdown(n.body), link: link(n.documentId, student.userId, n.id) })),
    // A link is listed by its relation and its two ends, and opens both in the compare view.
    links: made.map((l) => ({
      id: l.id,
      createdAt: l.createdAt,
      documentTitle: `↔ ${l.relation} · ${l.titleA} ¶ ${l.blockA} and ${l.titleB} ¶ ${l.blockB}`,
      quote: `${l.quoteA} ↔ ${l.quoteB}`,
      bodyHtml: renderMarkdown(l.comment),
      link: `/c/${courseId}/compare?left=${l.sourceA}&right=${l.sourceB}#left-b${l.blockA},right-b${l.blockB}`,
    })),
    // A matrix entry by its row and column, citing its passage.
    entries: cited.map((e) => ({
      id: e.id,
      createdAt: e.createdAt,
      documentTitle: `▦ ${e.rowTitle} · ${e.caseTitle}: ${e.titleA} ¶ ${e.blockA}`,
      quote: e.quoteA,
      bodyHtml: renderMarkdown(e.claim),
      link: `/c/${courseId}/d/${e.sourceA}#b${e.blockA}`,
    })),
    replies: written
      .filter((n) => n.kind === 'reply')
      .map((n) => ({ ...n, bodyHtml: renderMarkdown(n.body), link: link(n.documentId, n.parentAuthorId!, n.parentId!) })),
  };
}

/** Reopens the student's submitted response (instructors only: loadReport checks), and tells them. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { courseId, assignment, progress } = await loadReport(request, params);
  const student = progress.find((p) => p.userId === params.userId);
  if (!student) throw new Response('That student is not in this course', { status: 404 });
  const form = await request.formData();
  if (form.get('intent') !== 'reopen') return Response.json({ error: 'Unknown action' }, { status: 400 });
  if (!(await reopenSubmission(assignment, student.userId))) return Response.json({ error: 'There is no submitted response to reopen.' }, { status: 409 });
  await sql.begin((tx) =>
    notify(tx, [{
      userId: student.userId,
      courseId,
      kind: 'assignment',
      actorId: null,
      title: `Your response to “${assignment.title}” was reopened: you can change it and submit it again`,
      excerpt: '',
      link: `/c/${courseId}/assignments/${assignment.id}`,
      eventKey: `reopened:${assignment.id}:${student.userId}:${Date.now()}`,
    }]),
  );
  return { reopened: true };
}

export default function StudentWork() {
  const { courseId, timeZone, assignment: a, student, notes, replies, links, entries } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>() as { reopened?: boolean; error?: string } | undefined;
  const busy = useNavigation().state !== 'idle';
  const [confirming, setConfirming] = useState(false);
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
      {a.minLinks > 0 ? <WorkSection id="links" title="Evidence links joining two cases" items={links} timeZone={timeZone} linkText={(l) => l.documentTitle} /> : null}
      {a.minMatrixEntries > 0 ? <WorkSection id="entries" title="Matrix entries" items={entries} timeZone={timeZone} linkText={(e) => e.documentTitle} /> : null}
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
          {outcome?.reopened ? <p role="status">Reopened: {student.name} can change the response and submit it again, and has been told.</p> : null}
          {outcome?.error ? <p className="form-error" role="alert">{outcome.error}</p> : null}
          {student.submittedAt ? (
            <Form method="post" id="reopen">
              <input type="hidden" name="intent" value="reopen" />
              <button type="button" className="secondary" disabled={busy} onClick={() => setConfirming(true)}>
                Reopen submission
              </button>
            </Form>
          ) : null}
          {confirming ? (
            <ConfirmDialog
              title={`Reopen ${student.name}’s response?`}
              confirmLabel="Reopen"
              onConfirm={() => {
                setConfirming(false);
                (document.getElementById('reopen') as HTMLFormElement).requestSubmit();
              }}
              onCancel={() => setConfirming(false)}
            >
              <p>They can change it and submit it again; until they do, it counts as not submitted. They are notified.</p>
            </ConfirmDialog>
          ) : null}
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
