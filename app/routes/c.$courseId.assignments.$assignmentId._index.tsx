import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useFetcher, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import {
  assignmentProgress,
  deleteDraft,
  getAssignment,
  openSubmission,
  publishAssignment,
  saveResponse,
  submitResponse,
} from '../../db/queries/assignments';
import { isUuid } from '../../db/queries/courses';
import { FormError } from '../components/field';
import { formatFocus } from '../lib/assignments/editing.server';
import { ASSIGNMENT_LIMITS } from '../lib/assignments/form';
import { countWords, STATUS_LABEL } from '../lib/assignments/progress';
import { requireCourseRole } from '../lib/auth.server';
import { invalid, parseForm } from '../lib/forms';
import { renderMarkdown } from '../lib/markdown';
import { formatDateTime, timeZoneOf } from '../lib/time-zone';
import { useUserEvents } from '../lib/user-events';

async function load(request: Request, params: { courseId?: string; assignmentId?: string }) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const isInstructor = membership.role === 'instructor';
  const assignment = isUuid(params.assignmentId ?? '')
    ? await getAssignment(membership.course.id, params.assignmentId!, { includeDrafts: isInstructor })
    : null;
  if (!assignment) throw new Response('Assignment not found', { status: 404 });
  return { user, membership, isInstructor, assignment };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership, isInstructor, assignment } = await load(request, params);
  const courseId = membership.course.id;
  const submission = isInstructor ? null : await openSubmission(assignment.id, user.id, assignment.revision);
  const [progress] = isInstructor ? [] : await assignmentProgress(assignment, { userIds: [user.id] });
  return {
    courseId,
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
      responseRequired: assignment.responseRequired,
      minWords: assignment.minWords,
      draft: assignment.publishedAt === null,
      revisedAt: assignment.revisedAt?.toISOString() ?? null,
      documents: assignment.documents.map((d) => ({ ...d, focus: formatFocus(d.focusBlocks) })),
    },
    changedSinceSeen: submission !== null && submission.previouslySeen > 0 && submission.previouslySeen < assignment.revision,
    submission: submission && { response: submission.response, savedAt: submission.savedAt?.toISOString() ?? null, submittedAt: submission.submittedAt?.toISOString() ?? null },
    progress: progress ? { notes: progress.notes, replies: progress.replies, status: progress.status } : null,
  };
}

const studentSchema = z.object({
  intent: z.enum(['save', 'submit']),
  response: z.string().max(ASSIGNMENT_LIMITS.response, `The response is at most ${ASSIGNMENT_LIMITS.response.toLocaleString('en')} characters`).default(''),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership, isInstructor, assignment } = await load(request, params);
  const courseId = membership.course.id;
  const formData = await request.formData();
  const intent = formData.get('intent');
  if (intent === 'publish' || intent === 'delete') {
    if (!isInstructor) throw new Response('Only instructors of this course can do that', { status: 403 });
    if (intent === 'publish') {
      await publishAssignment(assignment.id, user.id);
      return { message: 'Published: students can see it now.' };
    }
    if (!(await deleteDraft(assignment.id))) return invalid({ form: 'A published assignment cannot be deleted: students’ work refers to it.' }, 409);
    throw redirect(`/c/${courseId}/assignments`);
  }
  if (isInstructor) throw new Response('Instructors do not submit responses', { status: 403 });
  const form = parseForm(formData, studentSchema);
  if (!form.ok) return invalid(form.fieldErrors, form.fieldErrors.response ? 413 : 400);
  if (!assignment.responseRequired) return invalid({ form: 'This assignment does not ask for a written response.' });
  if (form.value.intent === 'save') {
    const savedAt = await saveResponse(assignment.id, user.id, form.value.response);
    if (!savedAt) return invalid({ form: 'Your response was already submitted; it can no longer change.' }, 409);
    return { savedAt: savedAt.toISOString() };
  }
  const words = countWords(form.value.response);
  if (words < assignment.minWords) {
    return invalid({ response: `The response has ${words} word${words === 1 ? '' : 's'}; this assignment asks for at least ${assignment.minWords}.` });
  }
  const submittedAt = await submitResponse(assignment.id, user.id, form.value.response);
  if (!submittedAt) return invalid({ form: 'Your response was already submitted.' }, 409);
  return data({ submittedAt: submittedAt.toISOString(), late: submittedAt > assignment.dueAt });
}

export default function AssignmentPage() {
  const { courseId, isInstructor, timeZone, assignment: a, changedSinceSeen, submission, progress } = useLoaderData<typeof loader>();
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
      {isInstructor ? <InstructorBar courseId={courseId} id={a.id} draft={a.draft} /> : null}
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
          {a.responseRequired ? <li>A written response{a.minWords > 0 ? ` of at least ${a.minWords} words` : ''}, submitted below</li> : null}
        </ul>
        {progress ? <p className="hint">Only notes the class can see count; “Only me” notes stay yours alone.</p> : null}
      </section>
      {a.responseRequired && submission ? <ResponseEditor minWords={a.minWords} dueAt={a.dueAt} timeZone={timeZone} submission={submission} /> : null}
    </div>
  );
}

function Requirement({ label, have, need }: { label: string; have: number | undefined; need: number }) {
  const met = have !== undefined && have >= need;
  return (
    <li className={met ? 'met' : undefined} data-requirement={label}>
      {label}: {have === undefined ? `${need}` : <strong aria-live="polite">{`${have} of ${need}`}</strong>}
      {met ? <span aria-label="done"> ✓</span> : null}
    </li>
  );
}

function InstructorBar({ courseId, id, draft }: { courseId: string; id: string; draft: boolean }) {
  const busy = useNavigation().state !== 'idle';
  return (
    <div className="instructor-bar">
      <Link className="button secondary" to={`/c/${courseId}/assignments/${id}/edit`}>
        Edit
      </Link>
      {draft ? (
        <>
          <Form method="post" className="inline">
            <button type="submit" name="intent" value="publish" disabled={busy}>
              Publish
            </button>
          </Form>
          <Form method="post" className="inline" onSubmit={(e) => !confirm('Delete this draft?') && e.preventDefault()}>
            <button type="submit" name="intent" value="delete" className="secondary danger" disabled={busy}>
              Delete draft
            </button>
          </Form>
        </>
      ) : (
        <Link className="button" to={`/c/${courseId}/assignments/${id}/dashboard`}>
          Dashboard
        </Link>
      )}
    </div>
  );
}

type Saved = { savedAt?: string; submittedAt?: string; late?: boolean; fieldErrors?: Record<string, string | undefined> };

/** The written response: saved a moment after each pause in typing, then submitted once. */
function ResponseEditor(props: {
  minWords: number;
  dueAt: string;
  timeZone: string;
  submission: { response: string; savedAt: string | null; submittedAt: string | null };
}) {
  const saver = useFetcher<Saved>();
  const submitter = useFetcher<Saved>();
  const [text, setText] = useState(props.submission.response);
  const [dirty, setDirty] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const submittedAt = submitter.data?.submittedAt ?? props.submission.submittedAt;
  const savedAt = saver.data?.savedAt ?? props.submission.savedAt;
  const words = countWords(text);
  const errors = submitter.data?.fieldErrors ?? saver.data?.fieldErrors ?? {};

  const save = (value: string) => {
    saver.submit({ intent: 'save', response: value }, { method: 'post' });
    setDirty(false);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  // Keep unsaved words from vanishing with the tab.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  if (submittedAt) {
    const late = new Date(submittedAt) > new Date(props.dueAt);
    return (
      <section aria-labelledby="response-heading" className="response">
        <h2 id="response-heading">Your response</h2>
        <p className="notice" role="status">
          Submitted {formatDateTime(submittedAt, props.timeZone)}
          {late ? ' — after the due time, marked late' : ''}.
        </p>
        <div className="submitted-response">{text}</div>
      </section>
    );
  }
  const saveState = saver.state !== 'idle' ? 'Saving…' : dirty ? 'Unsaved changes' : savedAt ? `Saved ${formatDateTime(savedAt, props.timeZone)}` : 'Not started';
  return (
    <section aria-labelledby="response-heading" className="response">
      <h2 id="response-heading">Your response</h2>
      <submitter.Form method="post">
        <label htmlFor="response" className="visually-hidden">
          Your response
        </label>
        <textarea
          id="response"
          name="response"
          rows={12}
          value={text}
          maxLength={ASSIGNMENT_LIMITS.response}
          aria-describedby="response-status"
          aria-invalid={errors.response ? true : undefined}
          onChange={(e) => {
            const value = e.target.value;
            setText(value);
            setDirty(true);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => save(value), 800);
          }}
          onBlur={() => dirty && (clearTimeout(timer.current), save(text))}
        />
        <p id="response-status" className="hint response-status">
          <span data-testid="word-count">
            {words} word{words === 1 ? '' : 's'}
            {props.minWords > 0 ? ` of at least ${props.minWords}` : ''}
          </span>{' '}
          · <span data-testid="save-state">{saveState}</span>
        </p>
        {errors.response ? (
          <p className="field-error" role="alert">
            {errors.response}
          </p>
        ) : null}
        <FormError error={errors.form} />
        <button type="submit" name="intent" value="submit" disabled={submitter.state !== 'idle'}>
          {submitter.state !== 'idle' ? 'Submitting…' : 'Submit response'}
        </button>{' '}
        <span className="hint">After submitting you can no longer change it. A submission after the due time is accepted and marked late.</span>
      </submitter.Form>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.assignment.title} · Plenum` : 'Assignment · Plenum' }];
