/**
 * On every page of the course while a seminar is live: what it is on and who leads it, with "Join" (which
 * records that the member joined and opens it) or the way back to it. Hidden on the seminar's own page,
 * where the seminar bar says the same and more.
 */
import { Form, Link, useLocation, useNavigation } from '@remix-run/react';
import type { LiveSeminarView } from './use-live-seminar';

export function SeminarBanner({ courseId, seminar }: { courseId: string; seminar: LiveSeminarView | null }) {
  const location = useLocation();
  const navigation = useNavigation();
  if (!seminar) return null;
  const here = `${location.pathname}${location.search}`.startsWith(seminar.href);
  if (here && (seminar.joined || seminar.leading)) return null;
  const joining = navigation.formAction === `/c/${courseId}/seminar`;
  return (
    <section className="seminar-banner" aria-label="Live seminar">
      <span className="live-dot" aria-hidden="true" />
      {seminar.leading ? (
        <span>
          You are leading a seminar on <strong>{seminar.title}</strong>.
        </span>
      ) : (
        <span>
          Seminar on <strong>{seminar.title}</strong> is live, led by {seminar.leaderName}.
        </span>
      )}
      {seminar.joined || seminar.leading ? (
        <Link to={seminar.href} className="button small">
          {seminar.leading ? 'Open it' : 'Back to the seminar'}
        </Link>
      ) : (
        <Form method="post" action={`/c/${courseId}/seminar`} className="inline-form">
          <input type="hidden" name="seminarId" value={seminar.id} />
          <button type="submit" name="intent" value="join" className="small" disabled={joining}>
            {joining ? 'Joining…' : 'Join'}
          </button>
        </Form>
      )}
    </section>
  );
}
