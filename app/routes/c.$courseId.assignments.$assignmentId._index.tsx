import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { deleteDraft, getSubmission, publishAssignment } from '../../db/queries/assignments';
import { assignmentProgress } from '~/lib/assignments/progress.server';
import { ResponseEditor } from '~/components/assignments/response-editor';
import { ConfirmDialog } from '~/components/confirm-dialog';
import { ActionOutcome } from '~/components/field';
import { draftKey } from '~/lib/drafts';
import { formatFocus } from '~/lib/assignments/editing.server';
import { STATUS_LABEL } from '~/lib/assignments/progress';
import { requireAssignment } from '~/lib/assignments/access.server';
import { invalid } from '~/lib/forms';
import { renderMarkdown } from '~/lib/markdown';
import { formatDateTime, timeZoneOf } from '~/lib/time-zone';
import { useUserEvents } from '~/lib/user-events';
import { RouteError } from '~/components/route-error';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership, isInstructor, assignment } = await requireAssignment(request, params);
  const courseId = membership.course.id;
  const submission = isInstructor ? null : await getSubmission(assignment.id, user.id);
  const [progress] = isInstructor ? [] : await assignmentProgress(assignment, { userIds: [user.id] });
  return {
    courseId,
    me: user.id,
    isInstructor,
    timeZone: timeZoneOf(request),
    assignment: {
      id: assignment.id,
      title: assignment.title,
      promptHtml: renderMarkdown(assignment.prompt),
      kind: assignment.kind,
      opensAt: assignment.opensAt.toISOString(),
      dueAt: assignment.dueAt.toISOString(),
      minNotes: assignment.minNotes,
      minReplies: assignment.minReplies,
      minLinks: assignment.minLinks,
      minMatrixEntries: assignment.minMatrixEntries,
      responseRequired: assignment.responseRequired,
      minWords: assignment.minWords,
      draft: assignment.publishedAt === null,
      revisedAt: assignment.revisedAt?.toISOString() ?? null,
      revision: assignment.revision,
      documents: assignment.documents.map((d) => ({ ...d, focus: formatFocus(d.focusBlocks) })),
    },
    seenRevision: submission?.seenRevision ?? null,
    changedSinceSeen: submission !== null && submission.seenRevision > 0 && submission.seenRevision < assignment.revision,
    submission: submission && { response: submission.response, savedAt: submission.savedAt?.toISOString() ?? null, submittedAt: submission.submittedAt?.toISOString() ?? null },
    progress: progress ? { notes: progress.notes, replies: progress.replies, links: progress.links, entries: progress.entries, entryColumns: progress.entryColumns, status: progress.status } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership, isInstructor, assignment } = await requireAssignment(request, params);
  if (!isInstructor) throw new Response('Only instructors of this course can do that', { status: 403 });
  const intent = (await request.formData()).get('intent');
  if (intent === 'publish') {
    await publishAssignment(assignment, user.id);
    return { message: 'Published: students can see it now.' };
  }
  if (intent !== 'delete') return invalid({ form: 'That request was not understood. Reload the page and try again.' });
  if (!(await deleteDraft(assignment))) return invalid({ form: 'A published assignment cannot be deleted: students’ work refers to it.' }, 409);
  throw redirect(`/c/${membership.course.id}/assignments`);
}

export default function AssignmentPage() {
  const { courseId, me, isInstructor, timeZone, assignment: a, seenRevision, changedSinceSeen, submission, progress } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // Tell the server which revision this page showed (not a Remix action: that would reload the page,
  // and its "changed since you opened it" note with it). Offline, it is told next time.
  useEffect(() => {
    if (seenRevision === null || a.draft || seenRevision >= a.revision) return;
    void fetch(`/c/${courseId}/assignments/${a.id}/seen`, { method: 'POST', body: new URLSearchParams({ revision: String(a.revision) }) }).catch(() => {});
  }, [courseId, a.id, a.draft, a.revision, seenRevision]);
  const now = Date.now();
  const notOpen = new Date(a.opensAt).getTime() > now;
  // Progress counts come from the server: refresh them whenever the projection records my notes.
  useUserEvents({ progress: 'revalidate' });
  return (
    <div className="page narrow-wide assignment-page">
      <p className="breadcrumb">
        <Link to={`/c/${courseId}/assignments`}>← Assignments</Link>
      </p>
      <div className="page-head">
        <h1>{a.title}</h1>
        {progress ? <span className={`badge status-${progress.status}`}>{STATUS_LABEL[progress.status]}</span> : null}
        {a.draft ? <span className="badge draft">Draft — students cannot see it</span> : null}
      </div>
      {changedSinceSeen ? (
        <p className="notice" role="status">
          Your instructor changed this assignment{a.revisedAt ? ` on ${formatDateTime(a.revisedAt, timeZone)}` : ''} since you last opened it.
        </p>
      ) : null}
      {isInstructor ? <InstructorBar courseId={courseId} id={a.id} draft={a.draft} dueAt={a.dueAt} timeZone={timeZone} /> : null}
      <ActionOutcome data={actionData} />
      <p className="dates">
        {notOpen ? 'Opens' : 'Opened'} {formatDateTime(a.opensAt, timeZone)} · Due <strong>{formatDateTime(a.dueAt, timeZone)}</strong>
        {timeZone === 'UTC' ? ' (UTC)' : ''}
      </p>
      <section aria-labelledby="prompt-heading">
        <h2 id="prompt-heading" className="visually-hidden">
          Prompt
        </h2>
        <div className="prompt markdown" dangerouslySetInnerHTML={{ __html: a.promptHtml }} />
      </section>
      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">Sources</h2>
        <ul className="assignment-sources">
          {a.documents.map((d) => (
            <li key={d.documentId}>
              <Link to={`/c/${courseId}/d/${d.documentId}?assignment=${a.id}${d.focusBlocks[0] ? `#b${d.focusBlocks[0]}` : ''}`}>{d.title}</Link>
              {d.focus ? <span className="meta"> · focus ¶ {d.focus}</span> : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="req-heading">
        <h2 id="req-heading">Requirements</h2>
        <ul className="requirements">
          {a.minNotes > 0 ? (
            <Requirement label={a.kind === 'compare' ? 'Notes citing both cases' : 'Notes on these sources'} have={progress?.notes} need={a.minNotes} />
          ) : null}
          {a.minReplies > 0 ? <Requirement label="Replies to classmates’ notes" have={progress?.replies} need={a.minReplies} /> : null}
          {a.minLinks > 0 ? <Requirement label="Evidence links joining two cases" have={progress?.links} need={a.minLinks} /> : null}
          {a.minMatrixEntries > 0 ? (
            <Requirement
              label={`Matrix entries${a.minMatrixEntries > 1 ? ', in both cases’ columns' : ''}`}
              have={progress?.entries}
              need={a.minMatrixEntries}
              short={progress && progress.entries >= a.minMatrixEntries && progress.entryColumns < 2 ? 'add one in another case’s column' : undefined}
            />
          ) : null}
          {a.responseRequired ? <li>A written response{a.minWords > 0 ? ` of at least ${a.minWords} words` : ''}, submitted below</li> : null}
        </ul>
        {progress ? <p className="hint">Only notes the class can see count; “Only me” notes stay yours alone.</p> : null}
      </section>
      {a.responseRequired && submission ? (
        <ResponseEditor
          url={`/c/${courseId}/assignments/${a.id}/response`}
          draftKey={draftKey(me, `response:${a.id}`)}
          minWords={a.minWords}
          dueAt={a.dueAt}
          timeZone={timeZone}
          submission={submission}
        />
      ) : null}
    </div>
  );
}

function Requirement({ label, have, need, short }: { label: string; have: number | undefined; need: number; short?: string }) {
  const met = have !== undefined && have >= need && !short;
  return (
    <li className={met ? 'met' : undefined} data-requirement={label}>
      {label}: {have === undefined ? `${need}` : <strong aria-live="polite">{`${have} of ${need}`}</strong>}
      {met ? <span aria-label="done"> ✓</span> : null}
      {short ? <span className="meta"> ({short})</span> : null}
    </li>
  );
}

function InstructorBar({ courseId, id, draft, dueAt, timeZone }: { courseId: string; id: string; draft: boolean; dueAt: string; timeZone: string }) {
  const busy = useNavigation().state !== 'idle';
  const [asking, setAsking] = useState<'publish' | 'delete' | null>(null);
  const pastDue = new Date(dueAt) < new Date();
  const submitIntent = (intent: 'publish' | 'delete') => {
    setAsking(null);
    (document.getElementById(`${intent}-assignment`) as HTMLFormElement).requestSubmit();
  };
  return (
    <div className="instructor-bar">
      <Link className="button secondary" to={`/c/${courseId}/assignments/${id}/edit`}>
        Edit
      </Link>
      {draft ? (
        <>
          {pastDue ? (
            <p className="notice warning" role="note">
              Its due time, {formatDateTime(dueAt, timeZone)}, has passed: published now, every submission would be late. Edit the dates first?
            </p>
          ) : null}
          <Form method="post" className="inline" id="publish-assignment">
            <input type="hidden" name="intent" value="publish" />
            <button type="button" disabled={busy} onClick={() => (pastDue ? setAsking('publish') : submitIntent('publish'))}>
              Publish
            </button>
          </Form>
          <Form method="post" className="inline" id="delete-assignment">
            <input type="hidden" name="intent" value="delete" />
            <button type="button" className="secondary danger" disabled={busy} onClick={() => setAsking('delete')}>
              Delete draft
            </button>
          </Form>
          {asking === 'publish' ? (
            <ConfirmDialog title="Publish an assignment that is already past due?" confirmLabel="Publish anyway" onConfirm={() => submitIntent('publish')} onCancel={() => setAsking(null)}>
              <p>Students are notified, and whatever they do counts as late.</p>
            </ConfirmDialog>
          ) : null}
          {asking === 'delete' ? (
            <ConfirmDialog title="Delete this draft?" confirmLabel="Delete draft" danger onConfirm={() => submitIntent('delete')} onCancel={() => setAsking(null)}>
              <p>It has not been published, so no student has seen it. This cannot be undone.</p>
            </ConfirmDialog>
          ) : null}
        </>
      ) : (
        <Link className="button" to={`/c/${courseId}/assignments/${id}/dashboard`}>
          Dashboard
        </Link>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.assignment.title} · Plenum` : 'Assignment · Plenum' }];

export function ErrorBoundary() {
  return <RouteError what="this assignment" />;
}
