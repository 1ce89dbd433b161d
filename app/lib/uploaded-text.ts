/** Decodes and checks an uploaded or imported file before it becomes a source's canonical text (components/source-text.tsx renders texts). */

export type SourceTextResult = { ok: true; text: string } | { ok: false; error: string };

const ACCEPTED_EXTENSIONS = /\.(txt|text|md|markdown)$/i;

export function decodeSourceText(input: { bytes: Uint8Array; fileName: string; maxBytes: number }): SourceTextResult {
  const { bytes, fileName, maxBytes } = input;
  if (!ACCEPTED_EXTENSIONS.test(fileName)) {
    return { ok: false, error: `“${fileName}” is not a plain-text or Markdown file (.txt or .md).` };
  }
  if (bytes.byteLength === 0) return { ok: false, error: 'The file is empty.' };
  if (bytes.byteLength > maxBytes) {
    const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
    return { ok: false, error: `The file is ${mib(bytes.byteLength)} MiB; the limit is ${mib(maxBytes)} MiB.` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ok: false, error: 'The file is not valid UTF-8 text. Save it as UTF-8 and try again.' };
  }
  if (text.includes('\u0000')) return { ok: false, error: 'The file contains binary data, not text.' };
  if (text.trim() === '') return { ok: false, error: 'The file has no text in it.' };
  return { ok: true, text };
}
