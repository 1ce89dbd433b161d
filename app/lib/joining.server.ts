/**
 * Which course a sign-in or sign-up is on its way to join: an invitation link opened while signed out
 * sends the browser to sign in with `redirectTo=/join/<code>`, and the page should say which course.
 * (Only the holder of the code learns the title, as the invitation page itself shows it.)
 */
import { findCourseByJoinCode } from '../../db/queries/courses';

export async function courseBeingJoined(request: Request): Promise<{ title: string } | null> {
  const target = new URL(request.url).searchParams.get('redirectTo') ?? '';
  const code = /^\/join\/([A-Za-z0-9-]{1,64})$/.exec(target)?.[1];
  const course = code ? await findCourseByJoinCode(code) : null;
  return course ? { title: course.title } : null;
}
