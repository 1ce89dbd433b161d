/**
 * What a course page shows when its own loader or view fails: the course frame stays (this renders in
 * its outlet), and the member is told what failed and what to do, instead of losing the whole page.
 */
import { isRouteErrorResponse, Link, useParams, useRouteError } from '@remix-run/react';

export function RouteError({ what }: { what: string }) {
  const error = useRouteError();
  const { courseId } = useParams();
  let title = `${what[0]!.toUpperCase()}${what.slice(1)} could not be shown`;
  let message = 'Plenum hit an unexpected error. Reload to try again, and tell your instructor if it keeps happening.';
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) title = 'Not found';
    else if (error.status === 403) title = 'Not allowed';
    if (typeof error.data === 'string' && error.data) message = error.data;
    else if (error.status === 404) message = `There is no such ${what.replace(/^(the|this) /, '')} in this course.`;
  }
  return (
    <main id="main" className="narrow" role="alert">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <Link to={courseId ? `/c/${courseId}` : '/'}>Back to the course</Link>
      </p>
    </main>
  );
}
