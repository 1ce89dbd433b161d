/**
 * The export form: whose work, which source, which format. Without JavaScript it is a plain download; with
 * it, the file is fetched here so the page can say how far it has got (a large course's file streams), then
 * saved under the server's name.
 */
import { useState } from 'react';

const counted = (rows: number | null) => (rows === null ? '' : rows === 1 ? ' 1 item' : ` ${rows.toLocaleString('en')} items`);

type Progress = { state: 'idle' } | { state: 'running'; rows: number | null; bytes: number } | { state: 'done'; rows: number | null } | { state: 'failed'; message: string };

export function ExportForm(props: {
  action: string;
  isInstructor: boolean;
  sources: readonly { id: string; title: string; archived: boolean }[];
  assignments: readonly { id: string; title: string }[];
  source: string;
}) {
  const [progress, setProgress] = useState<Progress>({ state: 'idle' });
  async function download(form: HTMLFormElement) {
    const query = new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
    setProgress({ state: 'running', rows: null, bytes: 0 });
    try {
      const response = await fetch(`${props.action}?${query}`);
      if (!response.ok || !response.body) throw new Error((await response.text()) || `The export failed (${response.status}).`);
      const rows = Number(response.headers.get('X-Export-Rows')) || null;
      const reader = response.body.getReader();
      const chunks: BlobPart[] = [];
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        bytes += value.length;
        setProgress({ state: 'running', rows, bytes });
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'plenum-export';
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob(chunks, { type: response.headers.get('Content-Type') ?? 'text/plain' }));
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      setProgress({ state: 'done', rows });
    } catch (error) {
      setProgress({ state: 'failed', message: error instanceof Error ? error.message : 'The export failed.' });
    }
  }
  const running = progress.state === 'running';
  return (
    <form
      method="get"
      action={props.action}
      className="export-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!running) void download(e.currentTarget);
      }}
    >
      <fieldset className="field">
        <legend>Whose work</legend>
        <label>
          <input type="radio" name="scope" value="mine" defaultChecked /> Mine, private notes and links too
        </label>
        {props.isInstructor ? (
          <label>
            <input type="radio" name="scope" value="course" /> The whole class’s (members’ private notes and links stay theirs)
          </label>
        ) : null}
      </fieldset>
      <div className="field">
        <label htmlFor="export-source">Sources</label>
        <select id="export-source" name="source" defaultValue={props.source}>
          <option value="">All the course’s sources</option>
          {props.sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
              {s.archived ? ' (archived)' : ''}
            </option>
          ))}
        </select>
      </div>
      {props.assignments.length > 0 ? (
        <div className="field">
          <label htmlFor="export-assignment">Or an assignment’s sources</label>
          <select id="export-assignment" name="assignment" defaultValue="" aria-describedby="export-assignment-hint">
            <option value="">None</option>
            {props.assignments.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
          <p id="export-assignment-hint" className="hint">
            A source chosen above wins. Board posts are in an export of all the sources only.
          </p>
        </div>
      ) : null}
      <fieldset className="field">
        <legend>Format</legend>
        <label>
          <input type="radio" name="format" value="csv" defaultChecked /> CSV, for a spreadsheet or gradebook: one row per item
        </label>
        <label>
          <input type="radio" name="format" value="md" /> Markdown study notes: by source and ¶, with quotes and citations
        </label>
        <label>
          <input type="radio" name="format" value="jsonld" /> W3C Web Annotation (JSON-LD), for other annotation tools
        </label>
      </fieldset>
      <div className="form-actions">
        <button type="submit" disabled={running}>
          {running ? 'Exporting…' : 'Export'}
        </button>
      </div>
      <p className="export-progress" role="status" aria-live="polite">
        {progress.state === 'running'
          ? `Exporting${counted(progress.rows)}: ${(progress.bytes / 1024).toFixed(0)} KB so far…`
          : progress.state === 'done'
            ? `Exported${counted(progress.rows)}. Your browser has saved the file.`
            : progress.state === 'failed'
              ? progress.message
              : ''}
      </p>
    </form>
  );
}
