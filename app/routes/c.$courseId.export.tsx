/** Exporting one's work on a course (or, for instructors, the class's): the form; the file is export_.download. */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { requireCourseRole } from '~/lib/auth.server';
import { ExportForm } from '~/components/export/export-form';
import { listCourseDocuments } from '../../db/queries/documents';
import { listAssignments } from '../../db/queries/assignments';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requireCourseRole(request, params.courseId);
  const isInstructor = membership.role === 'instructor';
  const [documents, assignments] = await Promise.all([listCourseDocuments(membership.course.id, { archived: true }), listAssignments(membership.course.id, { includeDrafts: isInstructor })]);
  const source = new URL(request.url).searchParams.get('source') ?? '';
  return {
    course: { id: membership.course.id, title: membership.course.title },
    isInstructor,
    sources: documents.map((d) => ({ id: d.id, title: d.title, archived: d.archived })),
    assignments: assignments.map((a) => ({ id: a.id, title: a.title })),
    source: documents.some((d) => d.id === source) ? source : '',
  };
}

export default function Export() {
  const { course, isInstructor, sources, assignments, source } = useLoaderData<typeof loader>();
  return (
    <div className="card-page">
      <h1>Export</h1>
      <p>
        Take the work out of Plenum — notes and replies, evidence links, matrix entries, timeline events and board posts — to a spreadsheet, as study notes to read and print,
        or to another annotation tool.
      </p>
      <ExportForm action={`/c/${course.id}/export/download`} isInstructor={isInstructor} sources={sources} assignments={assignments} source={source} />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Export · ${data.course.title} · Plenum` : 'Export · Plenum' }];
