import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { slugify } from '../../db/queries/documents';
import { importDocument } from '~/lib/sources/import.server';
import { Field, FormError } from '~/components/field';
import { requireCourseRole } from '~/lib/auth.server';
import { maxUploadBytes } from '~/lib/config.server';
import { invalid, parseForm } from '~/lib/forms';
import { decodeSourceText } from '~/lib/uploaded-text';
import { sourceMetaSchema } from '~/lib/source-meta';
import { listCourseCases } from '../../db/queries/cases';
import { allCasesLabel, chooseCase } from '~/lib/cases';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requireCourseRole(request, params.courseId, 'instructor');
  return { courseId: membership.course.id, maxUploadBytes, cases: await listCourseCases(membership.course.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId, 'instructor');
  const limitMiB = (maxUploadBytes / 1024 / 1024).toFixed(1);
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: maxUploadBytes }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return invalid({ file: `The file is larger than the ${limitMiB} MiB limit.` }, 413);
    throw error;
  }
  const meta = parseForm(formData, sourceMetaSchema);
  const chosen = chooseCase(formData.get('caseId')?.toString(), await listCourseCases(membership.course.id));
  const file = formData.get('file');
  const fileErrors: Record<string, string> = chosen.ok ? {} : { caseId: chosen.error };
  let text = '';
  if (!(file instanceof File) || file.size === 0 && file.name === '') {
    fileErrors.file = 'Choose a file to upload';
  } else {
    const decoded = decodeSourceText({ bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name, maxBytes: maxUploadBytes });
    if (decoded.ok) text = decoded.text;
    else fileErrors.file = decoded.error;
  }
  if (!meta.ok || !chosen.ok || fileErrors.file) return invalid({ ...(meta.ok ? {} : meta.fieldErrors), ...fileErrors });

  const slug = `${slugify(meta.value.title)}-${crypto.randomUUID().slice(0, 8)}`;
  const imported = await importDocument({
    meta: { ...meta.value, slug },
    caseId: chosen.caseId,
    text,
    createdBy: user.id,
    courseId: membership.course.id,
  });
  throw redirect(`/c/${membership.course.id}/d/${imported.documentId}`);
}

export default function NewSource() {
  const { maxUploadBytes, cases } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.fieldErrors ?? {};
  const busy = useNavigation().state === 'submitting';
  return (
    <div className="narrow card-page">
      <h1>Add a source</h1>
      <p>
        Upload the text as a UTF-8 plain-text (.txt) or Markdown (.md) file of at most {(maxUploadBytes / 1024 / 1024).toFixed(1)} MiB.
        Plenum keeps it exactly as uploaded and numbers its paragraphs for citing.
      </p>
      <Form method="post" encType="multipart/form-data" noValidate>
        <Field label="Text file" name="file" type="file" accept=".txt,.md,.markdown,text/plain,text/markdown" error={errors.file} />
        <Field label="Title" name="title" error={errors.title} required />
        <fieldset className="field">
          <legend>Case</legend>
          {cases.map((c) => (
            <label key={c.id}>
              <input type="radio" name="caseId" value={c.id} /> <span className="case-swatch" style={{ background: c.colour }} aria-hidden="true" /> {c.title}
            </label>
          ))}
          <label>
            <input type="radio" name="caseId" value="all" /> {allCasesLabel(cases)}
          </label>
          {errors.caseId ? <p className="field-error" role="alert">{errors.caseId}</p> : null}
        </fieldset>
        <fieldset className="field">
          <legend>Kind</legend>
          <label>
            <input type="radio" name="kind" value="primary" defaultChecked /> Primary source
          </label>
          <label>
            <input type="radio" name="kind" value="secondary" /> Secondary literature
          </label>
          {errors.kind ? <p className="field-error" role="alert">{errors.kind}</p> : null}
        </fieldset>
        <Field label="Genre" name="genre" hint="For example “diplomatic cable” or “journal article”." error={errors.genre} />
        <Field label="Date" name="date" hint="YYYY, YYYY-MM or YYYY-MM-DD; leave empty if unknown." error={errors.date} />
        <Field label="Origin and provenance" name="origin" error={errors.origin} />
        <Field label="Note on the text" name="textNote" hint="For example the quality of an OCR transcription." error={errors.textNote} />
        <FormError error={errors.form} />
        <button type="submit" disabled={busy}>
          {busy ? 'Uploading…' : 'Add source'}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Add a source · Plenum' }];
