import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { deleteDraft, getSubmission, publishAssignment } from '../../db/queries/assignments';
import { assignmentProgress } from '../lib/assignments/progress.server';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ActionOutcome, FormError } from '../components/field';
import { draftKey, readDraft, writeDraft } from '../lib/drafts';
import { formatFocus } from '../lib/assignments/editing.server';
import { ASSIGNMENT_LIMITS } from '../lib/assignments/form';
import { countWords, STATUS_LABEL } from '../lib/assignments/progress';
import { requireAssignment } from '../lib/assignments/access.server';
import { invalid } from '../lib/forms';
import { renderMarkdown } from '../lib/markdown';
import { formatDateTime, timeZoneOf } from '../lib/time-zone';
import { useUserEvents } from '../lib/user-events';

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
    progress: progress ? { notes: progress.notes, replies: progress.replies, status: progress.status } : null,
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

function Requirement({ label, have, need }: { label: string; have: number | undefined; need: number }) {
  const met = have !== undefined && have >= need;
  return (
    <li className={met ? 'met' : undefined} data-requirement={label}>
      {label}: {have === undefined ? `${need}` : <strong aria-live="polite">{`${have} of ${need}`}</strong>}
      {met ? <span aria-label="done"> ✓</span> : null}
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

type Answer = { savedAt?: string; submittedAt?: string; late?: boolean; fieldErrors?: Record<string, string | undefined> };

/** POSTs to the response route; a network failure is an answer too (null), not a crash. */
async function send(url: string, intent: 'save' | 'submit', response: string): Promise<{ status: number; body: Answer } | null> {
  try {
    const res = await fetch(url, { method: 'POST', body: new URLSearchParams({ intent, response }) });
    const body = res.headers.get('Content-Type')?.includes('json') ? ((await res.json()) as Answer) : {};
    return { status: res.status, body };
  } catch {
    return null;
  }
}

/**
 * The written response: saved a moment after each pause in typing (and kept in this browser until
 * the server has it, so a reload or a lost connection loses nothing), then submitted once.
 */
function ResponseEditor(props: {
  url: string;
  draftKey: string;
  minWords: number;
  dueAt: string;
  timeZone: string;
  submission: { response: string; savedAt: string | null; submittedAt: string | null };
}) {
  const [text, setText] = useState(props.submission.response);
  const [state, setState] = useState<'saved' | 'dirty' | 'saving' | 'offline' | 'error'>('saved');
  const [savedAt, setSavedAt] = useState(props.submission.savedAt);
  const [submittedAt, setSubmittedAt] = useState(props.submission.submittedAt);
  const [submitting, setSubmitting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // An instructor may reopen a submission: the page's data then says it is no longer submitted.
  useEffect(() => setSubmittedAt(props.submission.submittedAt), [props.submission.submittedAt]);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const revalidator = useRevalidator();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const latest = useRef(text);
  latest.current = text;
  const words = countWords(text);

  // A draft this browser kept but the server never got (the tab closed, the connection dropped).
  useEffect(() => {
    const kept = readDraft(props.draftKey);
    if (kept !== null && kept !== props.submission.response && !props.submission.submittedAt) {
      setText(kept);
      schedule(kept, 0);
    }
    return () => clearTimeout(timer.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a kept draft is restored once, on arrival
  }, []);

  const save = async (value: string) => {
    setState('saving');
    const answer = await send(props.url, 'save', value);
    if (latest.current !== value) return; // typed on meanwhile: the next save carries it
    if (!answer) {
      setState('offline');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(value), 5000); // try again
    } else if (answer.body.savedAt) {
      writeDraft(props.draftKey, '');
      setSavedAt(answer.body.savedAt);
      setErrors({});
      setState('saved');
    } else {
      setErrors(answer.body.fieldErrors ?? { form: `Saving failed (${answer.status}). Your text is kept in this browser.` });
      setState('error');
    }
  };
  const schedule = (value: string, ms = 800) => {
    clearTimeout(timer.current);
    setState('dirty');
    timer.current = setTimeout(() => void save(value), ms);
  };
  // Keep unsaved words from vanishing with the tab.
  useEffect(() => {
    if (state === 'saved') return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state]);

  const submit = async () => {
    clearTimeout(timer.current);
    setSubmitting(true);
    const answer = await send(props.url, 'submit', text);
    setSubmitting(false);
    if (answer?.body.submittedAt) {
      writeDraft(props.draftKey, '');
      setSubmittedAt(answer.body.submittedAt);
      setState('saved');
      revalidator.revalidate(); // the status badge and counters
    } else {
      setErrors(answer ? answer.body.fieldErrors ?? { form: `Submitting failed (${answer.status}).` } : { form: 'No connection: not submitted. Your text is kept; try again when you are back online.' });
    }
  };

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
  const status = {
    saved: savedAt ? `Saved ${formatDateTime(savedAt, props.timeZone)}` : 'Not started',
    dirty: 'Unsaved changes',
    saving: 'Saving…',
    offline: 'Offline — kept in this browser, saving when the connection returns',
    error: 'Not saved',
  }[state];
  return (
    <section aria-labelledby="response-heading" className="response">
      <h2 id="response-heading">Your response</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setConfirming(true);
        }}
      >
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
            setText(e.target.value);
            writeDraft(props.draftKey, e.target.value);
            schedule(e.target.value);
          }}
        />
        <p id="response-status" className="hint response-status">
          <span data-testid="word-count">
            {words} word{words === 1 ? '' : 's'}
            {props.minWords > 0 ? ` of at least ${props.minWords}` : ''}
          </span>{' '}
          · <span data-testid="save-state">{status}</span>
        </p>
        {errors.response ? (
          <p className="field-error" role="alert">
            {errors.response}
          </p>
        ) : null}
        <FormError error={errors.form} />
        <button type="submit" disabled={submitting}>
          {submitting ? 'Submitting…' : 'Submit response'}
        </button>{' '}
        <span className="hint">After submitting you can no longer change it (an instructor can reopen it). A submission after the due time is accepted and marked late.</span>
      </form>
      {confirming ? (
        <ConfirmDialog
          title="Submit your response?"
          confirmLabel="Submit"
          onConfirm={() => {
            setConfirming(false);
            void submit();
          }}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {words} word{words === 1 ? '' : 's'}
            {props.minWords > 0 && words < props.minWords ? `, fewer than the ${props.minWords} asked for` : ''}. Once submitted you can no longer change
            it (an instructor can reopen it for you).
            {new Date() > new Date(props.dueAt) ? ' It is past the due time, so it will be marked late.' : ''}
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.assignment.title} · Plenum` : 'Assignment · Plenum' }];
