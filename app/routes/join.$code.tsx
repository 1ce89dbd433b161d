import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { findCourseByJoinCode, getMembership } from '../../db/queries/courses';
import { requireUser } from '~/lib/auth.server';

/** The link an instructor shares: shows which course it is, and joins on a POST to /join. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const course = await findCourseByJoinCode(params.code ?? '');
  if (!course) return { course: null, code: params.code ?? '' };
  if (await getMembership({ courseId: course.id, userId: user.id })) throw redirect(`/c/${course.id}`);
  return { course, code: params.code ?? '' };
}

export default function JoinLink() {
  const { course, code } = useLoaderData<typeof loader>();
  if (!course) {
    return (
      <div className="narrow card-page">
        <h1>This join link does not work</h1>
        <p>No course has the code “{code}”. The instructor may have changed it: ask them for the current link or code.</p>
        <p>
          <Link to="/join">Enter a code</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow card-page">
      <h1>{`Join “${course.title}”`}</h1>
      <p>{course.term}. You will join as a student.</p>
      <Form method="post" action="/join">
        <input type="hidden" name="code" value={code} />
        <button type="submit">Join course</button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Join a course · Plenum' }];
