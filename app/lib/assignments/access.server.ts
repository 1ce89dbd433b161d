/** Who may open an assignment: members of its course, and for drafts (or with `role`) instructors. */
import { getAssignment } from '../../../db/queries/assignments';
import type { Role } from '../../../db/queries/courses';
import { isUuid } from '~/lib/rooms/ids';
import { requireCourseRole } from '~/lib/auth.server';

/** The signed-in member and the assignment of the URL; 404 for a non-member, a draft a student asks for, or no such assignment. */
export async function requireAssignment(request: Request, params: { courseId?: string; assignmentId?: string }, role?: Role) {
  const { user, membership } = await requireCourseRole(request, params.courseId, role);
  const isInstructor = membership.role === 'instructor';
  const assignment = isUuid(params.assignmentId ?? '')
    ? await getAssignment(membership.course.id, params.assignmentId!, { includeDrafts: isInstructor })
    : null;
  if (!assignment) throw new Response('Assignment not found', { status: 404 });
  return { user, membership, isInstructor, courseId: membership.course.id, assignment };
}
