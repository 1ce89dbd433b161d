import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { LastInstructorError, listMembers, rotateJoinCode, setMemberRole } from '../../db/queries/courses';
import { ActionOutcome } from '~/components/field';
import { requireCourseRole } from '~/lib/auth.server';
import { invalid, parseForm } from '~/lib/forms';
import { CopyButton } from '~/components/copy-button';

const schema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('rotate-code') }),
  z.object({ intent: z.literal('set-role'), userId: z.uuid('Unknown member'), role: z.enum(['instructor', 'student']) }),
  z.object({ intent: z.literal('remove'), userId: z.uuid('Unknown member') }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId, 'instructor');
  const origin = process.env.PUBLIC_ORIGIN ?? new URL(request.url).origin;
  return {
    course: membership.course,
    joinLink: `${origin}/join/${membership.course.joinCode}`,
    members: await listMembers(membership.course.id),
    me: user.id,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { membership } = await requireCourseRole(request, params.courseId, 'instructor');
  const form = parseForm(await request.formData(), schema);
  if (!form.ok) return invalid({ form: 'That request was not understood. Reload the page and try again.' });
  const courseId = membership.course.id;
  const change = form.value;
  if (change.intent === 'rotate-code') {
    await rotateJoinCode(courseId);
    return { message: 'New join code made. The old code and link no longer work.' };
  }
  try {
    const found = await setMemberRole({ courseId, userId: change.userId, role: change.intent === 'remove' ? null : change.role });
    if (!found) return data({ fieldErrors: { form: 'That person is no longer a member.' } }, { status: 404 });
  } catch (error) {
    if (error instanceof LastInstructorError) return invalid({ form: `${error.message}: make someone else an instructor first.` }, 409);
    throw error;
  }
  return { message: change.intent === 'remove' ? 'Member removed.' : 'Role changed.' };
}

export default function Members() {
  const { course, joinLink, members, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== 'idle';
  return (
    <div className="page narrow-wide">
      <h1>Members and invitations</h1>
      {params.get('created') ? (
        <p className="notice" role="status">
          Course created. Give your students the join code or link below.
        </p>
      ) : null}
      <section className="join-panel" aria-labelledby="join-heading">
        <h2 id="join-heading">Invite students</h2>
        <p>
          Join code: <strong className="join-code" data-testid="join-code">{course.joinCode}</strong>
        </p>
        <p className="copy-field">
          Link: <code className="join-link">{joinLink}</code> <CopyButton text={joinLink} label="Copy link" />
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="rotate-code" />
          <button type="submit" className="secondary" disabled={busy}>
            Make a new code
          </button>{' '}
          <span className="hint">The current code and link stop working.</span>
        </Form>
      </section>
      <ActionOutcome data={actionData} />
      <h2>Members ({members.length})</h2>
      <table className="members">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId}>
              <td>
                {m.displayName}
                {m.userId === me ? ' (you)' : ''}
              </td>
              <td>{m.email}</td>
              <td>
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="set-role" />
                  <input type="hidden" name="userId" value={m.userId} />
                  <label className="visually-hidden" htmlFor={`role-${m.userId}`}>
                    Role of {m.displayName}
                  </label>
                  <select id={`role-${m.userId}`} name="role" defaultValue={m.role}>
                    <option value="student">Student</option>
                    <option value="instructor">Instructor</option>
                  </select>{' '}
                  <button type="submit" className="small secondary" disabled={busy}>
                    Change
                  </button>
                </Form>
              </td>
              <td>
                <Form
                  method="post"
                  className="inline"
                  onSubmit={(event) => {
                    if (!confirm(`Remove ${m.displayName} from ${course.title}?`)) event.preventDefault();
                  }}
                >
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="userId" value={m.userId} />
                  <button type="submit" className="small danger" disabled={busy}>
                    Remove
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Members · ${data.course.title}` : 'Members' }];
