/** A seminar route's guard: the member's course (membership checked) and its seminar named in the URL, else 404. */
import { getSeminar } from '../../../db/queries/seminars';
import { requireCourseRole } from '~/lib/auth.server';
import { isUuid } from '~/lib/rooms/ids';

export async function requireSeminar(request: Request, params: { courseId?: string; seminarId?: string }) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const seminar = isUuid(params.seminarId ?? '') ? await getSeminar(membership.course.id, params.seminarId!) : null;
  if (!seminar) throw new Response('This course has no such seminar.', { status: 404 });
  return { user, membership, seminar };
}
