import type { LoaderFunctionArgs } from '@remix-run/node';
import { NavLink, Outlet, useLoaderData } from '@remix-run/react';
import { listNotifications } from '../../db/queries/notifications';
import { CourseSearch } from '~/components/course-search';
import { SeminarBanner } from '~/components/seminar/seminar-banner';
import { useLiveSeminar, type CourseFrameContext } from '~/components/seminar/use-live-seminar';
import { liveSeminarView } from '~/lib/seminar/live.server';
import { NotificationBell } from '~/components/notification-bell';
import { requireCourseRole } from '~/lib/auth.server';
import { timeZoneOf } from '~/lib/time-zone';

/**
 * The course frame: its title, tabs, the notification bell and a live seminar's banner. Each child route
 * checks membership again itself.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const courseId = membership.course.id;
  const [{ items, unread }, seminar] = await Promise.all([listNotifications(user.id, courseId), liveSeminarView(courseId, user.id)]);
  return {
    course: { id: courseId, title: membership.course.title, term: membership.course.term },
    role: membership.role,
    seminar,
    notifications: {
      courseId,
      timeZone: timeZoneOf(request),
      unread,
      items: items.map((n) => ({ ...n, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })),
    },
  };
}

export default function CourseFrame() {
  const { course, role, notifications, seminar: seminarFromLoader } = useLoaderData<typeof loader>();
  const seminar = useLiveSeminar(course.id, seminarFromLoader);
  return (
    <>
      <div className="course-bar">
        <div className="course-name">
          <NavLink to={`/c/${course.id}`} end>
            {course.title}
          </NavLink>
          <span className="meta"> · {course.term}</span>
        </div>
        <nav aria-label="Course" className="tabs">
          <NavLink to={`/c/${course.id}`} end>
            Sources
          </NavLink>
          <NavLink to={`/c/${course.id}/compare`}>Compare</NavLink>
          <NavLink to={`/c/${course.id}/timeline`}>Timeline</NavLink>
          <NavLink to={`/c/${course.id}/people`}>People</NavLink>
          <NavLink to={`/c/${course.id}/assignments`}>Assignments</NavLink>
          <NavLink to={`/c/${course.id}/board`}>Board</NavLink>
          {role === 'instructor' ? (
            <>
              <NavLink to={`/c/${course.id}/members`}>Members</NavLink>
              <NavLink to={`/c/${course.id}/sources/new`}>Add source</NavLink>
              <NavLink to={`/c/${course.id}/settings`}>Settings</NavLink>
            </>
          ) : null}
        </nav>
        <CourseSearch courseId={course.id} />
        <NotificationBell courseId={course.id} initial={notifications} />
      </div>
      <SeminarBanner courseId={course.id} seminar={seminar} />
      <Outlet context={{ seminar } satisfies CourseFrameContext} />
    </>
  );
}
