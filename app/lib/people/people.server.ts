/** Who may change a course's people index: its instructors, and its students when the course allows it. */
import { studentsEditPeople } from '../../../db/queries/courses';
import type { Role } from '../../../db/queries/courses';

export async function mayEditPeople(courseId: string, role: Role): Promise<boolean> {
  return role === 'instructor' || (await studentsEditPeople(courseId));
}

/** Throws a 403 unless the member may change the people index. */
export async function requireEditPeople(courseId: string, role: Role): Promise<void> {
  if (!(await mayEditPeople(courseId, role))) throw new Response('Only instructors can change the people index in this course', { status: 403 });
}
