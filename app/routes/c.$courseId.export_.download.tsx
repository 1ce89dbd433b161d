/**
 * An export's file (docs/export.md): `format` csv, md or jsonld, `scope` mine (any member) or course
 * (instructors), `source` one of the course's sources or `assignment` an assignment's sources, else all.
 * Streamed a page of rows at a time; its size in rows is sent first (X-Export-Rows) for the page's progress.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireCourseRole } from '~/lib/auth.server';
import { exportStream } from '~/lib/export/export-stream.server';
import { drainedOf } from '~/lib/response-drained.server';
import { ANNO_PROFILE } from '~/lib/export/web-annotation';
import { isUuid } from '~/lib/rooms/ids';
import { exportSize } from '../../db/queries/export';
import { listCourseDocuments, slugify } from '../../db/queries/documents';
import { getAssignment } from '../../db/queries/assignments';

const TYPES = { csv: 'text/csv; charset=utf-8', md: 'text/markdown; charset=utf-8', jsonld: ANNO_PROFILE } as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const url = new URL(request.url);
  const format = url.searchParams.get('format') ?? 'csv';
  const scope = url.searchParams.get('scope') ?? 'mine';
  const source = url.searchParams.get('source') || null;
  if (format !== 'csv' && format !== 'md' && format !== 'jsonld') throw new Response('Choose format=csv, format=md or format=jsonld.', { status: 400 });
  if (scope !== 'mine' && scope !== 'course') throw new Response('Choose scope=mine or scope=course.', { status: 400 });
  if (scope === 'course' && membership.role !== 'instructor') throw new Response('Only the course’s instructors export the whole course’s work.', { status: 403 });
  const courseId = membership.course.id;
  // One source, one assignment's sources, or all of them (and then the board too).
  const assignmentId = url.searchParams.get('assignment') || null;
  const [documents, assignment] = await Promise.all([
    listCourseDocuments(courseId, { archived: true }),
    assignmentId !== null && isUuid(assignmentId) ? getAssignment(courseId, assignmentId, { includeDrafts: membership.role === 'instructor' }) : null,
  ]);
  const document = source === null ? null : isUuid(source) ? documents.find((d) => d.id === source) : undefined;
  if (document === undefined) throw new Response('This course has no such source.', { status: 404 });
  if (assignmentId !== null && !assignment) throw new Response('This course has no such assignment.', { status: 404 });
  const documentIds = document ? [document.id] : assignment ? assignment.documents.map((d) => d.documentId) : null;
  const exported = { courseId, userId: user.id, whole: scope === 'course', documentIds };
  const about = document?.title ?? assignment?.title ?? null;
  const title = `${membership.course.title}${about ? ` · ${about}` : ''}: ${scope === 'course' ? 'the class’s work' : `${user.displayName}’s work`}`;
  const filename = `${slugify(membership.course.title)}${about ? `-${slugify(about)}` : ''}-${scope === 'course' ? 'class' : 'my'}-notes.${format}`;
  const total = await exportSize(exported);
  const origin = url.origin;
  const info = { title, origin, collection: `${origin}${url.pathname}${url.search}`, total };
  return new Response(exportStream(exported, format, info, drainedOf(context)), {
    headers: {
      'Content-Type': TYPES[format],
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
      'X-Export-Rows': String(total),
    },
  });
}
