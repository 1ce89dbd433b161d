/**
 * An instructor's new text for a source, from the "New version" page: typed into the textarea or
 * uploaded as a file (the file wins), checked against the newest version it was prepared on.
 */
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node';
import { maxUploadBytes } from '~/lib/config.server';
import { decodeSourceText } from '~/lib/uploaded-text';

export type NewTextSubmission =
  | { ok: true; intent: 'preview' | 'publish'; text: string; baseVersion: number }
  | { ok: false; fieldErrors: { text?: string; file?: string; form?: string }; text: string; status: number };

export async function readNewText(request: Request, current: { version: number; text: string }): Promise<NewTextSubmission> {
  const limitMiB = (maxUploadBytes / 1024 / 1024).toFixed(1);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxUploadBytes }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, fieldErrors: { file: `The text is larger than the ${limitMiB} MiB limit.` }, text: '', status: 413 };
    throw error;
  }
  // A browser sends a textarea's line breaks as CRLF; the sources keep LF.
  const typed = (form.get('text')?.toString() ?? '').replace(/\r\n?/g, '\n');
  const intent = form.get('intent') === 'publish' ? 'publish' : 'preview';
  const baseVersion = Number(form.get('baseVersion'));
  const file = form.get('file');
  let text = typed;
  if (file instanceof File && file.size > 0) {
    const decoded = decodeSourceText({ bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name, maxBytes: maxUploadBytes });
    if (!decoded.ok) return { ok: false, fieldErrors: { file: decoded.error }, text: typed, status: 400 };
    text = decoded.text;
  }
  if (text.trim() === '') return { ok: false, fieldErrors: { text: 'The text is empty: type or paste the corrected text, or upload a file.' }, text, status: 400 };
  if (text.length > maxUploadBytes) return { ok: false, fieldErrors: { text: `The text is larger than the ${limitMiB} MiB limit.` }, text: '', status: 413 };
  if (baseVersion !== current.version) {
    return { ok: false, fieldErrors: { form: `Version ${current.version} was published while you worked on this one. Your text is kept below: preview it again to see what it changes from version ${current.version}.` }, text, status: 409 };
  }
  if (text === current.text) return { ok: false, fieldErrors: { text: `This is the text of version ${current.version} already: correct something first.` }, text, status: 400 };
  return { ok: true, intent, text, baseVersion };
}
