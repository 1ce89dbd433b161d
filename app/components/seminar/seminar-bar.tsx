/**
 * The bar at the foot of a seminar's reader. A follower always sees which mode they are in, with the one
 * click that changes it ("Read on my own" / "Follow <leader>"); the leader sees how many follow and how
 * many read on their own, and ends the seminar (after asking). Both see what is spotlit, and go to it, and
 * the seminar's questions.
 */
import { Form, useFetcher, useNavigation } from '@remix-run/react';
import { useRef, useState } from 'react';
import { ConfirmDialog } from '~/components/confirm-dialog';
import { excerpt } from '~/lib/board/links';
import { SeminarQuestions } from './seminar-questions';
import type { LiveSeminarView } from './use-live-seminar';
import type { SeminarReader } from './use-seminar';

const people = (n: number) => `${n} ${n === 1 ? 'student' : 'students'}`;

export function SeminarBar({ courseId, seminar, reader, isInstructor }: { courseId: string; seminar: LiveSeminarView; reader: SeminarReader; isInstructor: boolean }) {
  return (
    <section className="seminar-bar" aria-label="Seminar">
      <span className="live-dot" aria-hidden="true" />
      {reader.leading ? <LeaderControls courseId={courseId} seminar={seminar} reader={reader} /> : <FollowerControls seminar={seminar} reader={reader} />}
      <SpotlightLine reader={reader} />
      <SeminarQuestions courseId={courseId} seminarId={seminar.id} isInstructor={isInstructor} />
    </section>
  );
}

/** What is spotlit, with the way to it (and, for the leader, to clear it). */
function SpotlightLine({ reader }: { reader: SeminarReader }) {
  const target = reader.spotlight?.target;
  if (!target) return reader.leading ? <p className="seminar-spotlight hint">Select a passage or use a note’s “Spotlight” to mark it for everyone.</p> : null;
  return (
    <p className="seminar-spotlight" role="status">
      <span className="spotlight-label">{target.type === 'note' ? 'Spotlit note' : target.type === 'link' ? 'Spotlit link' : 'Spotlight'}:</span> <q>{excerpt(target.quote, 90)}</q>{' '}
      {reader.spotlitHere ? (
        <button type="button" className="link-button" onClick={reader.showSpotlight}>
          Show
        </button>
      ) : (
        <span className="hint">(on another source)</span>
      )}{' '}
      {reader.leading ? (
        <button type="button" className="link-button" onClick={() => reader.setSpotlight(null)}>
          Clear spotlight
        </button>
      ) : null}
    </p>
  );
}

function FollowerControls({ seminar, reader }: { seminar: LiveSeminarView; reader: SeminarReader }) {
  const following = reader.mode === 'follow';
  return (
    <>
      <p className="seminar-mode" role="status" data-mode={reader.mode}>
        {following ? (
          reader.leaderHere ? (
            <>
              <strong>Following {seminar.leaderName}</strong>
              <span className="seminar-hint">: your reader moves with theirs. Scroll to read on your own.</span>
            </>
          ) : (
            <>
              <strong>Following {seminar.leaderName}</strong>, who is not on this source at the moment.
            </>
          )
        ) : (
          <>
            <strong>Reading on your own.</strong> {seminar.leaderName} leads the seminar.
          </>
        )}
      </p>
      <button type="button" className={following ? 'secondary small' : 'small'} onClick={() => reader.setMode(following ? 'own' : 'follow')}>
        {following ? 'Read on my own' : `Follow ${seminar.leaderName}`}
      </button>
    </>
  );
}

function LeaderControls({ courseId, seminar, reader }: { courseId: string; seminar: LiveSeminarView; reader: SeminarReader }) {
  const [confirming, setConfirming] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const action = `/c/${courseId}/seminar`;
  const ending = useNavigation().formAction === action;
  return (
    <>
      <p className="seminar-mode" role="status" data-mode="lead">
        <strong>You are leading.</strong> <span data-testid="seminar-following">{people(reader.counts.following)} following</span>,{' '}
        <span data-testid="seminar-own">{reader.counts.own} reading on their own</span>.
      </p>
      <a className="small-link" href={`/c/${courseId}/seminars/${seminar.id}/projector`} target="_blank" rel="noreferrer">
        Projector view
      </a>
      <Form method="post" action={action} ref={form} className="inline-form">
        <input type="hidden" name="intent" value="end" />
        <input type="hidden" name="seminarId" value={seminar.id} />
        <button type="button" className="danger small" onClick={() => setConfirming(true)} disabled={ending}>
          {ending ? 'Ending…' : 'End seminar…'}
        </button>
      </Form>
      {confirming ? (
        <ConfirmDialog
          title="End the seminar?"
          confirmLabel="End seminar"
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            form.current?.requestSubmit();
          }}
        >
          <p>Everyone’s reader stops following you. Plenum keeps a record of the seminar (who joined, what you spotlighted), which you can post to the board.</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/**
 * "Start seminar" in a reader's header (instructors, while no seminar runs in the course). A fetcher form, so
 * that a refusal (another instructor started one a moment before) is said here; success opens the seminar.
 */
export function StartSeminarButton({ courseId, documentId, compareWith }: { courseId: string; documentId: string; compareWith?: string }) {
  const fetcher = useFetcher<{ error?: string }>();
  const starting = fetcher.state !== 'idle';
  return (
    <fetcher.Form method="post" action={`/c/${courseId}/seminar`} className="inline-form start-seminar">
      <input type="hidden" name="documentId" value={documentId} />
      {compareWith ? <input type="hidden" name="compareWith" value={compareWith} /> : null}
      <button type="submit" name="intent" value="start" className="small" disabled={starting}>
        {starting ? 'Starting…' : 'Start seminar'}
      </button>
      {fetcher.data?.error ? (
        <span className="field-error" role="alert">
          {fetcher.data.error}
        </span>
      ) : null}
    </fetcher.Form>
  );
}
