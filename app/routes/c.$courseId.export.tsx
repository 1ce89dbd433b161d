/** Exporting one's work on a course (or, for instructors, the class's): the form; the file is export_.download. */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { requireCourseRole } from '~/lib/auth.server';
import { ExportForm } from '~/components/export/export-form';
import { listCourseDocuments } from '../../db/queries/documents';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requireCourseRole(request, params.courseId);
  const documents = await listCourseDocuments(membership.course.id, { archived: true });
  const source = new URL(request.url).searchParams.get('source') ?? '';
  return {
    course: { id: membership.course.id, title: membership.course.title },
    isInstructor: membership.role === 'instructor',
    sources: documents.map((d) => ({ id: d.id, title: d.title, archived: d.archived })),
    source: documents.some((d) => d.id === source) ? source : '',
  };
}

export default function Export() {
  const { course, isInstructor, sources, source } = useLoaderData<typeof loader>();
  return (
    <div className="card-page">
      <h1>Export</h1>
      <p>
        Take the work out of Plenum — notes and replies, evidence links, matrix entries, timeline events and board posts — to a spreadsheet, as study notes to read and print,
        or to another annotation tool.
      </p>
      <ExportForm action={`/c/${course.id}/export/download`} isInstructor={isInstructor} sources={sources} source={source} />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Export · ${data.course.title} · Plenum` : 'Export · Plenum' }];
