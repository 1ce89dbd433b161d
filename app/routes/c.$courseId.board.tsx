import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData, type ShouldRevalidateFunction } from '@remix-run/react';
import { z } from 'zod';
import { listAssignments } from '../../db/queries/assignments';
import { boardReads, markThreadRead } from '../../db/queries/board';
import { listMembers } from '../../db/queries/courses';
import { listCourseDocuments } from '../../db/queries/documents';
import { Board } from '~/components/board/board';
import { requireCourseRole } from '~/lib/auth.server';
import { invalid, parseForm } from '~/lib/forms';
import { RouteError } from '~/components/route-error';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const courseId = membership.course.id;
  const isInstructor = membership.role === 'instructor';
  const [members, documents, assignments, reads] = await Promise.all([
    listMembers(courseId),
    listCourseDocuments(courseId),
    listAssignments(courseId, { includeDrafts: false }),
    boardReads(courseId, user.id),
  ]);
  return {
    courseId,
    me: { id: user.id, name: user.displayName },
    isInstructor,
    members: members.map((m) => ({ id: m.userId, name: m.displayName, instructor: m.role === 'instructor' })),
    // What a new thread can be about.
    linkTargets: [
      ...documents.map((d) => ({ href: `/c/${courseId}/d/${d.id}`, label: d.title })),
      ...assignments.map((a) => ({ href: `/c/${courseId}/assignments/${a.id}`, label: `Assignment: ${a.title}` })),
    ],
    reads,
  };
}

const schema = z.object({ intent: z.literal('read'), thread: z.string().regex(/^[0-9a-f-]{36}:[\w-]{1,64}$/, 'Unknown thread') });

/** Records that the user has read a thread (its unread marker goes). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const form = parseForm(await request.formData(), schema);
  if (!form.ok) return invalid(form.fieldErrors);
  await markThreadRead(membership.course.id, user.id, form.value.thread);
  return { ok: true };
}

/** Recording that a thread was read changes nothing on the page (it keeps that itself): no reload. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'read' ? false : defaultShouldRevalidate;

export default function BoardPage() {
  const data = useLoaderData<typeof loader>();
  return <Board {...data} />;
}

export const meta: MetaFunction = () => [{ title: 'Board · Plenum' }];

export function ErrorBoundary() {
  return <RouteError what="the board" />;
}
