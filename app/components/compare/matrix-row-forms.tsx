/** A row's header with an instructor's tools (rename, move, lock, delete), and the forms that make rows: an instructor's new row, a student's proposed one. Every problem at once. */
import { useState } from 'react';
import { MATRIX_LIMITS, type MatrixRow } from '~/lib/compare/matrix';
import type { Matrix } from './use-matrix';

export function rowProblems(title: string, prompt: string): string[] {
  const problems: string[] = [];
  if (title.trim() === '') problems.push('Name the theme.');
  if (title.trim().length > MATRIX_LIMITS.title) problems.push(`A theme is at most ${MATRIX_LIMITS.title} characters.`);
  if (prompt.trim().length > MATRIX_LIMITS.prompt) problems.push(`A prompt is at most ${MATRIX_LIMITS.prompt} characters.`);
  return problems;
}

export function NewRowForm({ matrix, proposing = false }: { matrix: Matrix; proposing?: boolean }) {
  const [title, setTitle] = useState('');
  const [prompt, setPrompt] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [sent, setSent] = useState('');
  return (
    <form
      className="new-row"
      onSubmit={(e) => {
        e.preventDefault();
        const problems = rowProblems(title, prompt);
        if (problems.length > 0) return setErrors(problems);
        const refusal = (proposing ? matrix.propose : matrix.addRow)({ title: title.trim(), prompt: prompt.trim() });
        if (refusal) return setErrors([refusal]);
        setErrors([]);
        setSent(proposing ? `Proposed “${title.trim()}”: your instructors will accept it or say why not.` : '');
        setTitle('');
        setPrompt('');
      }}
    >
      <h2>{proposing ? 'Propose a row' : 'Add a row'}</h2>
      <label htmlFor="new-row-title">Theme</label>
      <input type="text" id="new-row-title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Foreign patrons" aria-invalid={errors.length > 0 ? true : undefined} />
      <label htmlFor="new-row-prompt">Prompt for its cells (optional)</label>
      <input type="text" id="new-row-prompt" value={prompt} onChange={(e) => setPrompt(e.target.value)} placeholder="What should a student cite here?" />
      {errors.length > 0 ? (
        <ul className="field-error" role="alert">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      <p className="hint" role="status">
        {sent}
      </p>
      <button type="submit" disabled={!matrix.live}>
        {proposing ? 'Propose row' : 'Add row'}
      </button>
    </form>
  );
}


export function RowHeader(props: { row: MatrixRow; index: number; count: number; matrix: Matrix; isInstructor: boolean; onDelete(): void }) {
  const { row, matrix } = props;
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(row.title);
  const [prompt, setPrompt] = useState(row.prompt);
  const problems = rowProblems(title, prompt);
  if (renaming) {
    return (
      <form
        className="row-edit"
        onSubmit={(e) => {
          e.preventDefault();
          if (problems.length > 0) return;
          matrix.updateRow(row.id, { title: title.trim(), prompt: prompt.trim() });
          setRenaming(false);
        }}
      >
        <label htmlFor={`title-${row.id}`}>Theme</label>
        <input type="text" id={`title-${row.id}`} value={title} onChange={(e) => setTitle(e.target.value)} />
        <label htmlFor={`prompt-${row.id}`}>Prompt for its cells</label>
        <input type="text" id={`prompt-${row.id}`} value={prompt} onChange={(e) => setPrompt(e.target.value)} />
        {problems.map((p) => (
          <p key={p} className="field-error">
            {p}
          </p>
        ))}
        <button type="submit" className="small" disabled={!matrix.live}>
          Save
        </button>{' '}
        <button type="button" className="small secondary" onClick={() => setRenaming(false)}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <>
      <span className="row-title">{row.title}</span>
      {row.locked ? <span className="badge">Locked</span> : null}
      {props.isInstructor ? (
        <span className="row-tools" role="group" aria-label={`Row “${row.title}”`}>
          <button type="button" className="small secondary" disabled={!matrix.live} onClick={() => setRenaming(true)}>
            Rename
          </button>
          <button type="button" className="small secondary" disabled={!matrix.live || props.index === 0} onClick={() => matrix.moveRow(row.id, -1)} aria-label={`Move “${row.title}” up`}>
            ↑
          </button>
          <button type="button" className="small secondary" disabled={!matrix.live || props.index === props.count - 1} onClick={() => matrix.moveRow(row.id, 1)} aria-label={`Move “${row.title}” down`}>
            ↓
          </button>
          <button type="button" className="small secondary" disabled={!matrix.live} onClick={() => matrix.updateRow(row.id, { locked: !row.locked })}>
            {row.locked ? 'Unlock' : 'Lock'}
          </button>
          <button type="button" className="small secondary" disabled={!matrix.live} onClick={props.onDelete}>
            Delete
          </button>
        </span>
      ) : null}
    </>
  );
}

