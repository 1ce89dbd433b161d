/**
 * The seminar bar's questions: "Questions (n)" opens the list (live: asked again whenever the course's
 * seminar changes); a member asks one, anonymously if they wish, told first who will see their name; an
 * instructor marks one answered, aloud or in writing. Questions go over HTTP, never through a room, so that
 * an anonymous asker is in nothing a classmate receives (docs/seminar-mode.md).
 */
import { useFetcher } from '@remix-run/react';
import { useEffect, useId, useState } from 'react';
import { useModalDialog } from '~/components/use-modal-dialog';
import { QUESTION_LIMITS } from '~/lib/seminar/model';
import type { QuestionView } from '~/lib/seminar/questions.server';
import { useUserEvents } from '~/lib/user-events';

type Listing = { questions: QuestionView[]; namedToInstructors: boolean };
type Answer = { fieldErrors: Record<string, string>; asked?: boolean; answered?: boolean };

export const questionsPath = (courseId: string, seminarId: string) => `/c/${courseId}/seminars/${seminarId}/questions`;

export function SeminarQuestions({ courseId, seminarId, isInstructor }: { courseId: string; seminarId: string; isInstructor: boolean }) {
  const path = questionsPath(courseId, seminarId);
  const listing = useFetcher<Listing>();
  const { load } = listing;
  useEffect(() => load(path), [load, path]);
  useUserEvents({ seminar: () => load(path) });
  const [open, setOpen] = useState(false);
  const [asking, setAsking] = useState(false);
  const questions = listing.data?.questions ?? [];
  const waiting = questions.filter((q) => !q.answered).length;
  return (
    <>
      <div className="seminar-question-tools">
        <button type="button" className="secondary small" aria-expanded={open} aria-controls="seminar-questions" onClick={() => setOpen((o) => !o)}>
          Questions ({questions.length}){waiting > 0 && waiting < questions.length ? ` · ${waiting} waiting` : ''}
        </button>
        {isInstructor ? null : (
          <button type="button" className="small" onClick={() => setAsking(true)}>
            Ask a question…
          </button>
        )}
      </div>
      {open ? (
        <section id="seminar-questions" className="seminar-questions" aria-label="Questions">
          {listing.state === 'loading' && !listing.data ? <p className="hint">Loading questions…</p> : null}
          {listing.data && questions.length === 0 ? <p className="hint">No questions yet.{isInstructor ? '' : ' Ask one: anonymously, if you like.'}</p> : null}
          <ol>
            {questions.map((q) => (
              <QuestionItem key={q.id} question={q} path={path} isInstructor={isInstructor} />
            ))}
          </ol>
        </section>
      ) : null}
      {asking ? <AskDialog path={path} namedToInstructors={listing.data?.namedToInstructors ?? false} onDone={() => setAsking(false)} /> : null}
    </>
  );
}

function QuestionItem({ question: q, path, isInstructor }: { question: QuestionView; path: string; isInstructor: boolean }) {
  const fetcher = useFetcher<Answer>();
  const [writing, setWriting] = useState(false);
  const id = useId();
  const by = q.mine ? `You${q.anonymous ? ' (anonymously)' : ''}` : (q.asker ?? 'Anonymous');
  return (
    <li className={q.answered ? 'answered' : undefined}>
      <p className="question-body">{q.body}</p>
      <p className="question-meta">
        {by}
        {q.answered ? ' · Answered' : ''}
      </p>
      {q.answer ? <p className="question-answer">{q.answer}</p> : null}
      {isInstructor ? (
        <fetcher.Form method="post" action={path} className="question-answer-form" onSubmit={() => setWriting(false)}>
          <input type="hidden" name="intent" value="answer" />
          <input type="hidden" name="questionId" value={q.id} />
          {writing ? (
            <>
              <label htmlFor={`${id}-answer`} className="visually-hidden">
                Your answer
              </label>
              <textarea id={`${id}-answer`} name="answer" rows={2} maxLength={QUESTION_LIMITS.answer} defaultValue={q.answer} autoFocus />
            </>
          ) : null}
          {q.answered && !writing ? (
            <button type="submit" name="answered" value="no" className="link-button">
              Not answered yet
            </button>
          ) : (
            <button type="submit" name="answered" value="yes" className="link-button">
              {writing ? 'Save the answer' : 'Mark answered'}
            </button>
          )}{' '}
          {writing ? null : (
            <button type="button" className="link-button" onClick={() => setWriting(true)}>
              {q.answer ? 'Edit the answer' : 'Answer in writing…'}
            </button>
          )}
          {fetcher.data?.fieldErrors && Object.values(fetcher.data.fieldErrors).length > 0 ? (
            <p className="field-error" role="alert">
              {Object.values(fetcher.data.fieldErrors).join(' ')}
            </p>
          ) : null}
        </fetcher.Form>
      ) : null}
    </li>
  );
}

function AskDialog({ path, namedToInstructors, onDone }: { path: string; namedToInstructors: boolean; onDone(): void }) {
  const ref = useModalDialog();
  const fetcher = useFetcher<Answer>();
  const id = useId();
  const [anonymous, setAnonymous] = useState(true);
  const errors = fetcher.data?.fieldErrors ?? {};
  useEffect(() => {
    if (fetcher.data?.asked) onDone();
  }, [fetcher.data, onDone]);
  return (
    <dialog ref={ref} className="confirm-dialog ask-dialog" aria-labelledby={`${id}-title`} onClose={onDone}>
      <fetcher.Form method="post" action={path} noValidate>
        <h2 id={`${id}-title`}>Ask a question</h2>
        <input type="hidden" name="intent" value="ask" />
        <div className="field">
          <label htmlFor={`${id}-body`}>Your question</label>
          <textarea
            id={`${id}-body`}
            name="body"
            rows={4}
            maxLength={QUESTION_LIMITS.body}
            autoFocus
            aria-invalid={errors.body ? true : undefined}
            aria-describedby={errors.body ? `${id}-body-error` : undefined}
          />
          {errors.body ? (
            <p id={`${id}-body-error`} className="field-error" role="alert">
              {errors.body}
            </p>
          ) : null}
        </div>
        <div className="field checkbox">
          <label>
            <input type="checkbox" name="anonymous" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> Ask anonymously
          </label>
          <p className="hint" id={`${id}-who`}>
            {anonymous
              ? `Classmates will not see your name. ${namedToInstructors ? 'Your instructors will (this course lets them see who asks).' : 'Your instructors will not either.'}`
              : 'Everyone in the seminar will see your name with the question.'}
          </p>
        </div>
        {errors.form ? (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="submit" disabled={fetcher.state !== 'idle'}>
            {fetcher.state !== 'idle' ? 'Sending…' : 'Send question'}
          </button>
          <button type="button" className="secondary" onClick={() => ref.current?.close()}>
            Cancel
          </button>
        </div>
      </fetcher.Form>
    </dialog>
  );
}
