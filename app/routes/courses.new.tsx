import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { createCourse } from '../../db/queries/courses';
import { Field } from '~/components/field';
import { requireUser } from '~/lib/auth.server';
import { invalid, parseForm, text } from '~/lib/forms';

const schema = z.object({ title: text('Title', 200), term: text('Term', 80) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = parseForm(await request.formData(), schema);
  if (!form.ok) return invalid(form.fieldErrors);
  const course = await createCourse({ ...form.value, instructorId: user.id });
  throw redirect(`/c/${course.id}/members?created=1`);
}

export default function NewCourse() {
  const errors = useActionData<typeof action>()?.fieldErrors ?? {};
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="narrow card-page">
      <h1>New course</h1>
      <p>You will be its instructor, and get a join code to give your students.</p>
      <Form method="post" noValidate>
        <Field label="Title" name="title" error={errors.title} required autoFocus />
        <Field label="Term" name="term" hint="For example “Spring 2027”." error={errors.term} required />
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create course'}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'New course · Plenum' }];
