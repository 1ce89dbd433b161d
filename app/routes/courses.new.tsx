import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { createCourse } from '../../db/queries/courses';
import { CaseFields } from '~/components/case-fields';
import { Field } from '~/components/field';
import { requireUser } from '~/lib/auth.server';
import { emptyCaseRow, parseCaseRows, readCaseRows, rowsAfterEdit, type CaseFieldRow } from '~/lib/cases';
import { parseForm, text } from '~/lib/forms';

const schema = z.object({ title: text('Title', 200), term: text('Term', 80) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const rows = readCaseRows(formData);
  const values = { title: String(formData.get('title') ?? ''), term: String(formData.get('term') ?? ''), rows };
  // "Add a case" / "Remove case N": the same form back, one row more or less, nothing created.
  const edited = rowsAfterEdit(String(formData.get('intent') ?? ''), rows);
  if (edited) return { fieldErrors: {}, values: { ...values, rows: edited }, revision: Date.now() };
  const course = parseForm(formData, schema);
  const cases = parseCaseRows(rows);
  if (!course.ok || !cases.ok) {
    return Response.json({ fieldErrors: { ...(course.ok ? {} : course.fieldErrors), ...(cases.ok ? {} : cases.fieldErrors) }, values, revision: 0 }, { status: 400 });
  }
  const created = await createCourse({ ...course.value, instructorId: user.id, cases: cases.value });
  throw redirect(`/c/${created.id}/members?created=1`);
}

const FIRST_ROWS: CaseFieldRow[] = [emptyCaseRow(0), emptyCaseRow(1)];

export default function NewCourse() {
  const answer = useActionData<typeof action>() as { fieldErrors: Partial<Record<string, string>>; values: { title: string; term: string; rows: CaseFieldRow[] }; revision: number } | undefined;
  const errors = answer?.fieldErrors ?? {};
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="narrow card-page">
      <h1>New course</h1>
      <p>You will be its instructor, and get a join code to give your students.</p>
      <Form method="post" noValidate>
        {/* Enter in a field creates the course: the form's first submit button, ahead of "Add a case". */}
        <button type="submit" name="intent" value="create" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
        <Field label="Title" name="title" error={errors.title} defaultValue={answer?.values.title} required autoFocus />
        <Field label="Term" name="term" hint="For example “Spring 2027”." error={errors.term} defaultValue={answer?.values.term} required />
        <CaseFields rows={answer?.values.rows ?? FIRST_ROWS} errors={errors} revision={answer?.revision} />
        <button type="submit" name="intent" value="create" disabled={busy}>
          {busy ? 'Creating…' : 'Create course'}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'New course · Plenum' }];
