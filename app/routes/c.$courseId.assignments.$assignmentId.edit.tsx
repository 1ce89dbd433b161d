import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { publishAssignment, updateAssignment } from '../../db/queries/assignments';
import { AssignmentForm } from '~/components/assignments/assignment-form';
import { assignableSources, formValuesOf } from '~/lib/assignments/editing.server';
import { parseAssignmentForm } from '~/lib/assignments/form';
import { requireAssignment } from '~/lib/assignments/access.server';
import { invalid } from '~/lib/forms';
import { timeZoneOf } from '~/lib/time-zone';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { courseId, assignment } = await requireAssignment(request, params, 'instructor');
  const timeZone = timeZoneOf(request);
  return {
    courseId,
    assignment: { id: assignment.id, title: assignment.title, published: assignment.publishedAt !== null },
    sources: await assignableSources(courseId, assignment.documents.map((d) => d.documentId)),
    values: formValuesOf(assignment, timeZone),
    timeZone,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, courseId, assignment } = await requireAssignment(request, params, 'instructor');
  const formData = await request.formData();
  const form = parseAssignmentForm(formData, (await assignableSources(courseId, assignment.documents.map((d) => d.documentId))).map((s) => ({ id: s.id, blockCount: s.blockCount })));
  if (!form.ok) return invalid(form.fieldErrors);
  await updateAssignment(assignment, form.value);
  if (formData.get('intent') === 'publish') await publishAssignment(assignment, user.id);
  throw redirect(`/c/${courseId}/assignments/${assignment.id}`);
}

export default function EditAssignment() {
  const { courseId, assignment, sources, values, timeZone } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.fieldErrors ?? {};
  return (
    <div className="page narrow-wide">
      <p className="breadcrumb">
        <Link to={`/c/${courseId}/assignments/${assignment.id}`}>← {assignment.title}</Link>
      </p>
      <h1>Edit assignment</h1>
      <AssignmentForm values={values} errors={errors} sources={sources} timeZone={timeZone} published={assignment.published} />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Edit assignment · Plenum' }];
