/**
 * "Add to matrix…": a claim, in one row and one case's column of the class's matrix, citing the chosen
 * evidence (a passage, or a link's two passages). Every problem is said at once, and the dialog stays
 * open until the entry is written.
 */
import { useEffect, useId, useState } from 'react';
import { MATRIX_LIMITS, type MatrixRow } from '~/lib/compare/matrix';
import type { CourseCase } from '~/lib/cases';
import { ConfirmDialog } from '~/components/confirm-dialog';
import { cellKey } from './use-matrix';

export interface CitedPassage {
  title: string;
  block: number | null;
  quote: string;
}

export function MatrixEntryDialog(props: {
  evidence: CitedPassage[];
  rows: MatrixRow[];
  cases: CourseCase[];
  /** The column chosen at first (the passage's case), and the row (a cell's own "Add evidence…"). */
  caseId: string | null;
  rowId?: string;
  /** The matrix has arrived: until then there is no row to choose. */
  ready: boolean;
  onSave(entry: { rowId: string; caseId: string; claim: string }): string | null;
  onCancel(): void;
  /** Tells the class which cell is being added to. */
  onCell?(cell: string | null): void;
}) {
  const id = useId();
  const open = props.rows.filter((r) => !r.locked);
  const [rowId, setRowId] = useState(props.rowId ?? open[0]?.id ?? '');
  const [caseId, setCaseId] = useState(props.caseId ?? props.cases[0]?.id ?? '');
  const [claim, setClaim] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const { onCell } = props;
  useEffect(() => {
    onCell?.(rowId && caseId ? cellKey(rowId, caseId) : null);
  }, [onCell, rowId, caseId]);
  useEffect(() => () => onCell?.(null), [onCell]);

  const excerpt = (q: string) => (q.length > 160 ? `${q.slice(0, 160)}…` : q);
  return (
    <ConfirmDialog
      title="Add to the matrix"
      confirmLabel="Add to matrix"
      onConfirm={() => {
        const problems: string[] = [];
        if (!rowId) problems.push(props.rows.length === 0 ? 'The matrix has no rows yet: an instructor adds them on the Compare page.' : 'Choose a row.');
        if (!caseId) problems.push('Choose a case’s column.');
        if (claim.trim() === '') problems.push('Write the claim this evidence supports, in a line.');
        if (claim.trim().length > MATRIX_LIMITS.claim) problems.push(`The claim is ${claim.trim().length} characters; at most ${MATRIX_LIMITS.claim}.`);
        if (problems.length > 0) return setErrors(problems);
        const refusal = props.onSave({ rowId, caseId, claim: claim.trim() });
        setErrors(refusal ? [refusal] : []);
        // Said at once, not only when the dialog goes: classmates stop seeing "adding here…".
        if (!refusal) props.onCell?.(null);
      }}
      onCancel={props.onCancel}
    >
      <ol className="link-ends">
        {props.evidence.map((p, i) => (
          <li key={i}>
            <span className="meta">
              {p.title}
              {p.block ? ` ¶ ${p.block}` : ''}
            </span>
            <blockquote>{excerpt(p.quote)}</blockquote>
          </li>
        ))}
      </ol>
      {!props.ready ? (
        <p className="hint" role="status">
          Loading the matrix…
        </p>
      ) : null}
      <label htmlFor={`${id}-row`}>Row</label>
      <select id={`${id}-row`} value={rowId} onChange={(e) => setRowId(e.target.value)}>
        {props.rows.length === 0 ? <option value="">No rows yet</option> : null}
        {props.rows.map((r) => (
          <option key={r.id} value={r.id} disabled={r.locked}>
            {r.title}
            {r.locked ? ' (locked)' : ''}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-case`}>Column</label>
      <select id={`${id}-case`} value={caseId} onChange={(e) => setCaseId(e.target.value)}>
        {props.cases.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-claim`}>Claim (one line, at most {MATRIX_LIMITS.claim} characters)</label>
      <textarea
        id={`${id}-claim`}
        value={claim}
        rows={2}
        onChange={(e) => setClaim(e.target.value)}
        aria-invalid={errors.length > 0 ? true : undefined}
        aria-describedby={`${id}-count${errors.length > 0 ? ` ${id}-errors` : ''}`}
      />
      <p id={`${id}-count`} className={claim.trim().length > MATRIX_LIMITS.claim ? 'meta over' : 'meta'}>
        {claim.trim().length} / {MATRIX_LIMITS.claim}
      </p>
      {errors.length > 0 ? (
        <ul id={`${id}-errors`} className="field-error" role="alert">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </ConfirmDialog>
  );
}
