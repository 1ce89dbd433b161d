/**
 * Importing annotations made elsewhere onto a source (W3C Web Annotation JSON-LD, Hypothesis JSON): each is
 * placed by its quote on the newest version and becomes the importer's note, with its original author and
 * date shown; the page reports what was placed exactly, approximately, left to check, or kept as an orphan
 * (docs/export.md). Members import into their own notes; the server does the work (server/import/).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireCourseRole } from '~/lib/auth.server';
import { maxImportBytes } from '~/lib/config.server';
import { formatBytes } from '~/lib/format';
import { importerOf } from '~/lib/import/import-context.server';
import { noteRoomName } from '~/lib/notes/rooms';
import type { Visibility } from '~/lib/notes/visibility';
import { isUuid } from '~/lib/rooms/ids';
import { ImportForm, ImportReportView } from '~/components/import/import-annotations';
import { RouteError } from '~/components/route-error';
import { getDocumentForReader } from '../../db/queries/documents';

async function load(request: Request, params: { courseId?: string; documentId?: string }) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const found = params.documentId && isUuid(params.documentId) ? await getDocumentForReader({ courseId: membership.course.id, documentId: params.documentId }) : null;
  if (!found) throw new Response('This course has no such source.', { status: 404 });
  const visibilities: Visibility[] = membership.role === 'instructor' ? ['class', 'staff', 'private'] : ['private', 'class'];
  return { user, course: membership.course, found, visibilities };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course, found, visibilities } = await load(request, params);
  return { course: { id: course.id }, document: { id: found.document.id, title: found.document.title, version: found.document.version }, visibilities, limit: formatBytes(maxImportBytes) };
}

type FieldErrors = { file?: string; visibility?: string; form?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, course, found, visibilities } = await load(request, params);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxImportBytes }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data({ fieldErrors: { file: `The file is larger than the ${formatBytes(maxImportBytes)} limit: split it and import the parts.` } as FieldErrors, result: null }, { status: 413 });
    throw error;
  }
  const fieldErrors: FieldErrors = {};
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) fieldErrors.file = 'Choose a file of annotations (.json or .jsonld).';
  const visibility = String(form.get('visibility') ?? '') as Visibility;
  if (!visibilities.includes(visibility)) fieldErrors.visibility = `Choose who sees the imported notes: ${visibilities.join(', ')}.`;
  if (Object.keys(fieldErrors).length > 0 || !(file instanceof File)) return data({ fieldErrors, result: null }, { status: 400 });

  const room = noteRoomName(visibility, { courseId: course.id, documentId: found.document.id, userId: user.id });
  const outcome = await importerOf(context)({ room, importerId: user.id, file: new Uint8Array(await file.arrayBuffer()), text: found.text, version: found.document.version });
  if (!outcome.ok) return data({ fieldErrors: { file: outcome.error } as FieldErrors, result: null }, { status: 400 });
  return { fieldErrors: {} as FieldErrors, result: { ...outcome, fileName: file.name, visibility, at: Date.now() } };
}

export default function ImportAnnotations() {
  const { course, document: doc, visibilities, limit } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const readerHref = `/c/${course.id}/d/${doc.id}`;
  return (
    <div className="card-page import-page">
      <p className="crumbs">
        <Link to={readerHref}>{doc.title}</Link>
      </p>
      <h1>Import annotations</h1>
      <p className="lede">
        Bring notes you or your class made elsewhere onto this source: a W3C Web Annotation file (JSON-LD, such as Plenum’s own export) or a Hypothesis
        export (JSON). Each is placed by the passage it quotes on version {doc.version}; the ones whose passage is not found are kept, listed at the top of the
        margin for you to re-attach. They become your notes, showing who wrote them and when. Importing the same file again adds nothing.
      </p>
      {answer?.result ? <ImportReportView result={answer.result} readerHref={readerHref} /> : null}
      {/* A new form once an import is done, so the file just imported is not offered again. */}
      <ImportForm key={answer?.result ? answer.result.at : 'form'} visibilities={visibilities} errors={answer?.fieldErrors ?? {}} limit={limit} again={Boolean(answer?.result)} />
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Import annotations onto ${data.document.title} · Plenum` : 'Import annotations · Plenum' }];

export function ErrorBoundary() {
  return <RouteError what="the import page" />;
}
