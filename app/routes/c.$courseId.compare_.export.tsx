import type { LoaderFunctionArgs } from '@remix-run/node';
import { listCourseCases } from '../../db/queries/cases';
import { slugify } from '../../db/queries/documents';
import { requireCourseRole } from '~/lib/auth.server';
import { loadMatrixExport, matrixCsv, matrixMarkdown } from '~/lib/compare/matrix-export.server';

const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  md: { type: 'text/markdown; charset=utf-8', extension: 'md' },
} as const;

/** The class's comparison matrix as CSV or Markdown, with citations. Any member of the course. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const format = new URL(request.url).searchParams.get('format') ?? 'csv';
  if (format !== 'csv' && format !== 'md') throw new Response('Choose format=csv or format=md.', { status: 400 });
  const courseId = membership.course.id;
  const [matrix, cases] = await Promise.all([loadMatrixExport(courseId, { id: user.id, isInstructor: membership.role === 'instructor' }), listCourseCases(courseId)]);
  const body = format === 'csv' ? matrixCsv(matrix, cases) : matrixMarkdown(membership.course.title, matrix, cases);
  return new Response(body, {
    headers: {
      'Content-Type': FORMATS[format].type,
      'Content-Disposition': `attachment; filename="${slugify(membership.course.title)}-matrix.${FORMATS[format].extension}"`,
      'Cache-Control': 'no-store',
    },
  });
}
