import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { listAssignments, seenRevisions } from '../../db/queries/assignments';
import { assignmentProgress } from '~/lib/assignments/progress.server';
import { STATUS_LABEL } from '~/lib/assignments/progress';
import { requireCourseRole } from '~/lib/auth.server';
import { formatDateTime, timeZoneOf } from '~/lib/time-zone';
import { RouteError } from '~/components/route-error';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const isInstructor = membership.role === 'instructor';
  const courseId = membership.course.id;
  const assignments = await listAssignments(courseId, { includeDrafts: isInstructor });
  const seen = isInstructor ? new Map<string, number>() : await seenRevisions(courseId, user.id);
  const rows = await Promise.all(
    assignments.map(async (a) => {
      const [mine] = isInstructor ? [] : await assignmentProgress(a, { userIds: [user.id] });
      const everyone = isInstructor && a.publishedAt ? await assignmentProgress(a) : [];
      return {
        id: a.id,
        title: a.title,
        kind: a.kind,
        draft: a.publishedAt === null,
        opensAt: a.opensAt.toISOString(),
        dueAt: a.dueAt.toISOString(),
        sources: a.documents.length,
        status: mine?.status ?? null,
        changed: !isInstructor && (seen.get(a.id) ?? 0) > 0 && (seen.get(a.id) ?? 0) < a.revision,
        complete: everyone.filter((p) => p.status === 'complete').length,
        students: everyone.length,
      };
    }),
  );
  return { courseId, isInstructor, rows, timeZone: timeZoneOf(request) };
}

export default function Assignments() {
  const { courseId, isInstructor, rows, timeZone } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow-wide">
      <div className="page-head">
        <h1>Assignments</h1>
        {isInstructor ? (
          <Link className="button" to={`/c/${courseId}/assignments/new`}>
            New assignment
          </Link>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <div className="empty">
          {isInstructor ? (
            <p>
              No assignments yet. <Link to={`/c/${courseId}/assignments/new`}>Set the first reading</Link> with a question, due date and
              requirements.
            </p>
          ) : (
            <p>No assignments yet. Your instructor’s reading assignments will appear here.</p>
          )}
        </div>
      ) : (
        <ul className="assignment-list">
          {rows.map((a) => (
            <li key={a.id} className="assignment-item">
              <Link to={`/c/${courseId}/assignments/${a.id}`} className="assignment-title">
                {a.title}
              </Link>
              <div className="source-meta">
                {a.draft ? <span className="badge draft">Draft</span> : null}
                {a.status ? <span className={`badge status-${a.status}`}>{STATUS_LABEL[a.status]}</span> : null}
                {a.changed ? <span className="badge changed">Changed since you opened it</span> : null}
                {a.kind === 'compare' ? <span>Compare both cases</span> : null}
                <span>Due {formatDateTime(a.dueAt, timeZone)}</span>
                <span>
                  {a.sources} source{a.sources === 1 ? '' : 's'}
                </span>
                {isInstructor && !a.draft ? (
                  <Link to={`/c/${courseId}/assignments/${a.id}/dashboard`}>
                    {a.complete} of {a.students} complete
                  </Link>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Assignments · Plenum' }];

export function ErrorBoundary() {
  return <RouteError what="the assignments" />;
}
