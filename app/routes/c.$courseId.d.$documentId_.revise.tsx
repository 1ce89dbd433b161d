/**
 * "New version": an instructor corrects a source's text (in place, or by uploading a file), previews
 * what changes and where the class's work would land, then publishes it as the source's next version.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { FormError } from '~/components/field';
import { ConfirmDialog } from '~/components/confirm-dialog';
import { ParagraphAtCaret } from '~/components/sources/paragraph-at-caret';
import { unplacedCount, VersionPreviewReport } from '~/components/sources/version-preview';
import { requireCourseRole } from '~/lib/auth.server';
import { maxUploadBytes } from '~/lib/config.server';
import { isUuid } from '~/lib/rooms/ids';
import { publishVersion } from '~/lib/sources/import.server';
import { readNewText } from '~/lib/sources/new-version.server';
import { previewVersion } from '~/lib/sources/version-preview.server';
import { getDocumentForReader, readInSeveralCourses, VersionConflict } from '../../db/queries/documents';

async function load(request: Request, params: { courseId?: string; documentId?: string }) {
  const { user, membership } = await requireCourseRole(request, params.courseId, 'instructor');
  const found = params.documentId && isUuid(params.documentId) ? await getDocumentForReader({ courseId: membership.course.id, documentId: params.documentId }) : null;
  if (!found) throw new Response('This course has no such source.', { status: 404 });
  // A new version changes the source for every course that reads it: only its one course may correct it.
  const shared = await readInSeveralCourses(found.document.id);
  return { user, course: membership.course, found, shared };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course, found, shared } = await load(request, params);
  return { course: { id: course.id }, document: { id: found.document.id, title: found.document.title, version: found.document.version }, text: found.text, shared, maxUploadBytes };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course, found, shared } = await load(request, params);
  const current = { version: found.document.version, text: found.text, blocks: found.blocks };
  if (shared) return data({ fieldErrors: { form: 'This source is also read in another course, so it cannot be corrected from here.' }, text: '', preview: null }, { status: 409 });
  const submitted = await readNewText(request, current);
  if (!submitted.ok) return data({ fieldErrors: submitted.fieldErrors, text: submitted.text, preview: null }, { status: submitted.status });
  if (submitted.intent === 'preview') {
    const preview = await previewVersion({ courseId: course.id, documentId: found.document.id, current, text: submitted.text });
    return { fieldErrors: {}, text: submitted.text, preview };
  }
  try {
    const { version } = await publishVersion({ document: found.document, text: submitted.text, by: user.id, after: submitted.baseVersion });
    throw redirect(`/c/${course.id}/d/${found.document.id}?published=${version}`);
  } catch (error) {
    if (!(error instanceof VersionConflict)) throw error;
    return data({ fieldErrors: { form: `Version ${error.latest} was published while you worked on this one. Your text is kept below: preview it again.` }, text: submitted.text, preview: null }, { status: 409 });
  }
}

export default function NewVersion() {
  const { course, document: doc, text, shared, maxUploadBytes } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors: { text?: string; file?: string; form?: string } = answer?.fieldErrors ?? {};
  const preview = answer?.preview ?? null;
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null;
  const submit = useSubmit();
  const form = useRef<HTMLFormElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // Publishing is offered for the text previewed: an edit after the preview asks for a new one.
  const [edited, setEdited] = useState(false);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setEdited(false), [answer]);
  // The report is below a long textarea: bring it into view (and focus, for a screen reader) when it arrives.
  const reportShown = preview !== null && !edited;
  useEffect(() => {
    const title = reportShown ? document.getElementById('preview-title') : null;
    title?.scrollIntoView({ block: 'start' });
    title?.focus({ preventScroll: true });
  }, [reportShown, answer]);
  const next = doc.version + 1;
  const unplaced = preview ? unplacedCount(preview) : 0;
  return (
    <div className="card-page revise-page">
      <p className="crumbs">
        <Link to={`/c/${course.id}/d/${doc.id}`}>{doc.title}</Link>
      </p>
      <h1>New version of {doc.title}</h1>
      <p>
        Correct the text of version {doc.version} below (paragraphs are separated by a blank line), or upload the corrected text as a file. Preview what changes, then publish it
        as version {next}: readers open the newest version, notes and links follow their passages, and version {doc.version} stays readable.
      </p>
      {shared ? <p className="form-error" role="alert">This source is also read in another course, so it cannot be corrected from here.</p> : null}
      <Form method="post" encType="multipart/form-data" ref={form} noValidate>
        <input type="hidden" name="baseVersion" value={doc.version} />
        <div className="field">
          <label htmlFor="text">Text of version {next}</label>
          <textarea
            key={answer ? `answer-${answer.text.length}-${answer.text.slice(0, 40)}` : 'loaded'}
            id="text"
            name="text"
            ref={textarea}
            className="source-editor"
            rows={24}
            spellCheck={false}
            defaultValue={answer?.text || text}
            onInput={() => setEdited(true)}
            aria-invalid={errors.text ? true : undefined}
            aria-describedby={`text-caret${errors.text ? ' text-error' : ''}`}
          />
          <ParagraphAtCaret id="text-caret" textarea={textarea} />
          {errors.text ? (
            <p id="text-error" className="field-error" role="alert">
              {errors.text}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="file">Or upload the corrected text</label>
          <input id="file" name="file" type="file" accept=".txt,.md,.markdown,text/plain,text/markdown" aria-invalid={errors.file ? true : undefined} aria-describedby="file-hint" />
          <p id="file-hint" className="hint">
            A UTF-8 plain-text or Markdown file of at most {(maxUploadBytes / 1024 / 1024).toFixed(1)} MiB; it replaces what is in the box above.
          </p>
          {errors.file ? <p className="field-error" role="alert">{errors.file}</p> : null}
        </div>
        <FormError error={errors.form} />
        <div className="form-actions">
          <button type="submit" name="intent" value="preview" className={reportShown ? 'secondary' : undefined} disabled={busy !== null || shared}>
            {busy === 'preview' ? 'Comparing…' : preview ? 'Preview again' : 'Preview changes'}
          </button>
          {reportShown ? (
            <button type="button" onClick={() => setConfirming(true)} disabled={busy !== null}>
              {busy === 'publish' ? 'Publishing…' : `Publish version ${next}`}
            </button>
          ) : preview ? (
            <p className="hint">You changed the text since the preview: preview again to publish it.</p>
          ) : null}
        </div>
      </Form>
      {reportShown ? <VersionPreviewReport preview={preview!} nextVersion={next} /> : null}
      {confirming ? (
        <ConfirmDialog
          title={`Publish version ${next}?`}
          confirmLabel={`Publish version ${next}`}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            const body = new FormData(form.current!);
            body.set('intent', 'publish');
            submit(body, { method: 'post', encType: 'multipart/form-data' });
          }}
        >
          <p>
            Everyone will read version {next} from now on. {unplaced > 0 ? `${unplaced} notes, link ends or events will not be placed and will wait in the margin for their authors.` : 'All the class’s work will be placed in it.'} A published
            version cannot be withdrawn; version {doc.version} stays readable.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `New version of ${data.document.title} · Plenum` : 'New version · Plenum' }];
