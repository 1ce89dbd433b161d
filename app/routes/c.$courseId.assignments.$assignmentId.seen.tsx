import type { ActionFunctionArgs } from '@remix-run/node';
import { markSeen } from '../../db/queries/assignments';
import { requireAssignment } from '~/lib/assignments/access.server';

/**
 * A student's assignment page says which revision of it the student has now seen (a POST of its own:
 * opening a page changes nothing). The next revision shows "changed since you opened it".
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, isInstructor, assignment } = await requireAssignment(request, params);
  if (isInstructor) return Response.json({ seen: null });
  const revision = Number((await request.formData()).get('revision'));
  if (!Number.isInteger(revision) || revision < 1) return Response.json({ fieldErrors: { revision: 'A revision number is needed' } }, { status: 400 });
  // A page cannot claim a revision it never showed.
  await markSeen(assignment.id, user.id, Math.min(revision, assignment.revision));
  return Response.json({ seen: Math.min(revision, assignment.revision) });
}

export async function loader() {
  throw new Response('Not found', { status: 404 });
}
