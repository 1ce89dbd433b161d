/**
 * Archiving a source, and restoring it (instructors; POST only). Archived, it leaves the course home, the
 * pickers and new assignments; it stays readable at its address, with its notes (docs/versions.md).
 */
import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { requireCourseRole } from '~/lib/auth.server';
import { isUuid } from '~/lib/rooms/ids';
import { setArchived } from '../../db/queries/documents';

export async function action({ request, params }: ActionFunctionArgs) {
  const { membership } = await requireCourseRole(request, params.courseId, 'instructor');
  const courseId = membership.course.id;
  const intent = (await request.formData()).get('intent');
  if (intent !== 'archive' && intent !== 'restore') throw new Response('Say whether to archive or restore the source (intent).', { status: 400 });
  const documentId = params.documentId && isUuid(params.documentId) ? params.documentId : null;
  if (!documentId || !(await setArchived(courseId, documentId, intent === 'archive'))) throw new Response('This course has no such source.', { status: 404 });
  // Archived: back to the course home, which says so and offers to undo it. Restored: to the source.
  throw redirect(intent === 'archive' ? `/c/${courseId}?archived=${documentId}` : `/c/${courseId}/d/${documentId}?restored=1`);
}
