import type { LoaderFunctionArgs } from '@remix-run/node';
import { loadReport, reportCsv } from '~/lib/assignments/report.server';
import { slugify } from '../../db/queries/documents';

/** The dashboard's table as a CSV file, for a gradebook. Instructors only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assignment, rows } = await loadReport(request, params);
  return new Response(reportCsv(assignment, rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${slugify(assignment.title)}-progress.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
