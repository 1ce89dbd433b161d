import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { createAssignment, publishAssignment } from '../../db/queries/assignments';
import { AssignmentForm } from '~/components/assignments/assignment-form';
import { assignableSources, formValuesOf } from '~/lib/assignments/editing.server';
import { parseAssignmentForm } from '~/lib/assignments/form';
import { requireCourseRole } from '~/lib/auth.server';
import { invalid } from '~/lib/forms';
import { timeZoneOf } from '~/lib/time-zone';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requireCourseRole(request, params.courseId, 'instructor');
  const timeZone = timeZoneOf(request);
  return { sources: await assignableSources(membership.course.id), values: formValuesOf(null, timeZone), timeZone };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId, 'instructor');
  const courseId = membership.course.id;
  const formData = await request.formData();
  const form = parseAssignmentForm(formData, (await assignableSources(courseId)).map((s) => ({ id: s.id, blockCount: s.blockCount })));
  if (!form.ok) return invalid(form.fieldErrors);
  const id = await createAssignment({ courseId, createdBy: user.id, assignment: form.value });
  if (formData.get('intent') === 'publish') await publishAssignment({ courseId, id }, user.id);
  throw redirect(`/c/${courseId}/assignments/${id}`);
}

export default function NewAssignment() {
  const { sources, values, timeZone } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.fieldErrors ?? {};
  return (
    <div className="page narrow-wide">
      <h1>New assignment</h1>
      <p className="hint">A draft is visible to instructors only, until you publish it.</p>
      <AssignmentForm values={values} errors={errors} sources={sources} timeZone={timeZone} published={false} />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'New assignment · Plenum' }];
