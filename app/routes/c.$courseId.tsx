import type { LoaderFunctionArgs } from '@remix-run/node';
import { NavLink, Outlet, useLoaderData } from '@remix-run/react';
import { requireCourseRole } from '../lib/auth.server';

/** The course frame: its title and tabs. Each child route checks membership again itself. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requireCourseRole(request, params.courseId);
  return { course: { id: membership.course.id, title: membership.course.title, term: membership.course.term }, role: membership.role };
}

export default function CourseFrame() {
  const { course, role } = useLoaderData<typeof loader>();
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
          {role === 'instructor' ? (
            <>
              <NavLink to={`/c/${course.id}/members`}>Members</NavLink>
              <NavLink to={`/c/${course.id}/sources/new`}>Add source</NavLink>
            </>
          ) : null}
        </nav>
      </div>
      <Outlet />
    </>
  );
}
