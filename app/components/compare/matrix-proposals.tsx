/**
 * Rows students propose: instructors open the matrix to them (a setting in the room), then accept each
 * (it becomes a row) or reject it with a reason; a student proposes and sees what became of theirs.
 */
import { useEffect, useId, useState } from 'react';
import { ConfirmDialog } from '~/components/confirm-dialog';
import { NewRowForm } from './matrix-row-forms';
import type { Matrix, ProposalView } from './use-matrix';

export function MatrixProposals({ matrix, isInstructor }: { matrix: Matrix; isInstructor: boolean }) {
  const [rejecting, setRejecting] = useState<ProposalView | null>(null);
  // The box shows the click at once; the room's copy of the setting follows a frame later.
  const [studentRows, setStudentRows] = useState(matrix.studentRows);
  useEffect(() => setStudentRows(matrix.studentRows), [matrix.studentRows]);
  const [error, setError] = useState<string | null>(null);
  const pending = matrix.proposals.filter((p) => p.state.is === 'pending');
  if (!matrix.live) return null;
  if (!isInstructor) {
    return (
      <>
        {matrix.studentRows ? <NewRowForm matrix={matrix} proposing /> : null}
        {matrix.proposals.length > 0 ? (
          <section className="proposals" aria-labelledby="my-proposals">
            <h2 id="my-proposals">Your proposed rows</h2>
            <ul>
              {matrix.proposals.map((p) => (
                <li key={p.key}>
                  <strong>{p.proposal.title}</strong> <span className="meta">· {stateLabel(p)}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </>
    );
  }
  return (
    <section className="proposals" aria-labelledby="proposals-heading">
      <h2 id="proposals-heading">Rows proposed by students{pending.length > 0 ? ` (${pending.length})` : ''}</h2>
      <label className="check">
        <input
          type="checkbox"
          checked={studentRows}
          onChange={(e) => {
            setStudentRows(e.target.checked);
            matrix.setStudentRows(e.target.checked);
          }}
        />{' '}
        Students may propose rows
      </label>
      {pending.length === 0 ? (
        <p className="hint">{studentRows ? 'No proposal waiting.' : 'Students cannot propose rows now.'}</p>
      ) : (
        <ul>
          {pending.map((p) => (
            <li key={p.key}>
              <strong>{p.proposal.title}</strong>
              {p.proposal.prompt ? <span className="meta"> · {p.proposal.prompt}</span> : null} <span className="meta">· {p.authorName}</span>{' '}
              <button
                type="button"
                className="small"
                onClick={() => setError(matrix.accept(p))}
                aria-label={`Accept “${p.proposal.title}” as a row`}
              >
                Accept
              </button>{' '}
              <button type="button" className="small secondary" onClick={() => setRejecting(p)} aria-label={`Reject “${p.proposal.title}”`}>
                Reject…
              </button>
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {rejecting ? (
        <RejectDialog
          title={rejecting.proposal.title}
          onReject={(reason) => {
            matrix.reject(rejecting, reason);
            setRejecting(null);
          }}
          onCancel={() => setRejecting(null)}
        />
      ) : null}
    </section>
  );
}

function stateLabel(p: ProposalView): string {
  if (p.state.is === 'accepted') return `accepted as “${p.state.row}”`;
  if (p.state.is === 'rejected') return `not accepted${p.state.reason ? `: ${p.state.reason}` : ''}`;
  return 'waiting for your instructors';
}

function RejectDialog(props: { title: string; onReject(reason: string): void; onCancel(): void }) {
  const id = useId();
  const [reason, setReason] = useState('');
  return (
    <ConfirmDialog title={`Reject “${props.title}”?`} confirmLabel="Reject" danger onConfirm={() => props.onReject(reason.trim())} onCancel={props.onCancel}>
      <label htmlFor={id}>Why (shown to the student)</label>
      <textarea id={id} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={500} />
    </ConfirmDialog>
  );
}
