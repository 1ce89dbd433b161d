/**
 * The course's live seminar: GET answers what the banner shows (refetched when a seminar starts or ends);
 * POST starts one (instructors), joins it, or ends it (instructors). docs/seminar-mode.md.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { requireCourseRole } from '~/lib/auth.server';
import { isUuid } from '~/lib/rooms/ids';
import { liveSeminarView, seminarHref } from '~/lib/seminar/live.server';
import { endSeminar, joinSeminar, liveSeminar, startSeminar } from '../../db/queries/seminars';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  return { seminar: await liveSeminarView(membership.course.id, user.id) };
}

const uuidOrNull = (value: FormDataEntryValue | null) => (typeof value === 'string' && isUuid(value) ? value : null);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const courseId = membership.course.id;
  const form = await request.formData();
  const intent = form.get('intent');
  const instructorsOnly = () => {
    if (membership.role !== 'instructor') throw new Response('Only instructors of this course lead seminars.', { status: 403 });
  };

  if (intent === 'start') {
    instructorsOnly();
    const documentId = uuidOrNull(form.get('documentId'));
    const compareWith = uuidOrNull(form.get('compareWith'));
    if (!documentId) return Response.json({ error: 'Choose the source to lead the seminar on.' }, { status: 400 });
    const started = await startSeminar({ courseId, userId: user.id, documentId, compareWith: compareWith === documentId ? null : compareWith });
    if (!started.ok) return Response.json({ error: started.error }, { status: started.status });
    throw redirect(seminarHref(courseId, { documentId, compareWith }));
  }

  const live = await liveSeminar(courseId);
  const seminarId = uuidOrNull(form.get('seminarId'));
  if (!live || live.id !== seminarId) return Response.json({ error: 'That seminar has ended.' }, { status: 409 });
  if (intent === 'join') {
    await joinSeminar(live.id, user.id);
    throw redirect(seminarHref(courseId, live));
  }
  if (intent === 'end') {
    instructorsOnly();
    await endSeminar(courseId, live.id);
    throw redirect(`/c/${courseId}/seminars/${live.id}`);
  }
  return Response.json({ error: 'Say whether to start, join or end the seminar (intent).' }, { status: 400 });
}
