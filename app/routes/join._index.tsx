import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { findCourseByJoinCode, joinCourse } from '../../db/queries/courses';
import { Field } from '~/components/field';
import { requireUser } from '~/lib/auth.server';
import { invalid, parseForm } from '~/lib/forms';

const schema = z.object({ code: z.string({ error: 'Enter the join code' }).trim().min(1, 'Enter the join code').max(40) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { code: new URL(request.url).searchParams.get('code') ?? '' };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = parseForm(await request.formData(), schema);
  if (!form.ok) return invalid(form.fieldErrors);
  const course = await findCourseByJoinCode(form.value.code);
  if (!course) {
    return invalid({ code: 'No course has that join code. Check it with your instructor; codes can be changed.' }, 404);
  }
  await joinCourse({ courseId: course.id, userId: user.id });
  throw redirect(`/c/${course.id}`);
}

export default function Join() {
  const { code } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.fieldErrors ?? {};
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="narrow card-page">
      <h1>Join a course</h1>
      <Form method="post" action="/join" noValidate>
        <Field
          label="Join code"
          name="code"
          defaultValue={code}
          hint="Your instructor gives you this code (eight letters and digits)."
          error={errors.code}
          autoComplete="off"
          required
          autoFocus
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Joining…' : 'Join course'}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Join a course · Plenum' }];
