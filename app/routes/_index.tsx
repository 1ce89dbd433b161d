import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { listCoursesOf } from '../../db/queries/courses';
import { getUser } from '~/lib/auth.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) return { user: null, courses: [] };
  return { user, courses: await listCoursesOf(user.id) };
}

export default function Home() {
  const { user, courses } = useLoaderData<typeof loader>();
  if (!user) return <Welcome />;
  return (
    <div className="page">
      <div className="page-head">
        <h1>Your courses</h1>
        <div className="actions">
          <Link to="/join" className="button secondary">
            Join with a code
          </Link>
          <Link to="/courses/new" className="button">
            New course
          </Link>
        </div>
      </div>
      {courses.length === 0 ? (
        <div className="empty">
          <p>You are not in any course yet.</p>
          <p>
            Students: ask your instructor for the join code, then <Link to="/join">join the course</Link>. Instructors:{' '}
            <Link to="/courses/new">create a course</Link>.
          </p>
        </div>
      ) : (
        <ul className="course-list">
          {courses.map((c) => (
            <li key={c.id}>
              <Link to={`/c/${c.id}`} className="course-card">
                <span className="course-title">{c.title}</span>
                <span className="meta">
                  {c.term} · {c.role === 'instructor' ? 'Instructor' : 'Student'} · {c.members} member{c.members === 1 ? '' : 's'} ·{' '}
                  {c.documents} source{c.documents === 1 ? '' : 's'}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Welcome() {
  return (
    <div className="narrow welcome">
      <h1>Read the sources together.</h1>
      <p className="lede">
        Plenum is a seminar workspace for reading archival sources as a class: highlight passages, write margin notes your
        classmates see live, argue in threads, and compare cases side by side.
      </p>
      <p>
        <Link to="/signup" className="button">
          Create an account
        </Link>{' '}
        <Link to="/signin" className="button secondary">
          Sign in
        </Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Plenum' }];
