/**
 * "Add to matrix…" wherever evidence is chosen (a selected passage in a reader, a link's menu): which
 * evidence, in which case's column by default, and the dialog that writes the entry into the compare
 * room. Returns the dialog to render and the function that opens it.
 */
import { useState } from 'react';
import type { CourseCase } from '~/lib/cases';
import type { Evidence } from '~/lib/compare/matrix';
import { cite } from './matrix-entry-item';
import { MatrixEntryDialog } from './matrix-entry-dialog';
import type { Matrix } from './use-matrix';

export function useAddToMatrix(input: { matrix: Matrix; cases: CourseCase[]; sources: { id: string; title: string; caseId: string | null }[] }) {
  const { matrix, cases, sources } = input;
  const [evidence, setEvidence] = useState<Evidence | null>(null);
  // The cell it was dropped on, if it was dragged there (matrix-drop.tsx).
  const [cell, setCell] = useState<{ rowId: string; caseId: string } | null>(null);
  const [notice, setNotice] = useState('');
  const titles = Object.fromEntries(sources.map((s) => [s.id, s.title]));
  // The first cited source's case, if it has one; else the second's (a link's far end).
  const caseOf = (e: Evidence) => e.target.map((end) => sources.find((s) => s.id === end.source)?.caseId ?? null).find((c) => c !== null) ?? null;
  const dialog = evidence ? (
    <MatrixEntryDialog
      evidence={evidence.target.map((end) => cite(end, titles))}
      rows={matrix.rows}
      cases={cases}
      caseId={cell?.caseId ?? caseOf(evidence)}
      rowId={cell?.rowId}
      ready={matrix.ready}
      onCell={matrix.setEditing}
      onCancel={() => setEvidence(null)}
      onSave={({ rowId, caseId, claim }) => {
        const refusal = matrix.addEntry({ rowId, caseId, claim, evidence });
        if (!refusal) {
          setEvidence(null);
          setNotice(`Added to “${matrix.rows.find((r) => r.id === rowId)?.title}”, ${cases.find((c) => c.id === caseId)?.title}.`);
        }
        return refusal;
      }}
    />
  ) : null;
  const status = (
    <p className="visually-hidden" role="status">
      {notice}
    </p>
  );
  const open = (chosen: Evidence, at: { rowId: string; caseId: string } | null = null) => {
    setCell(at);
    setEvidence(chosen);
  };
  return { open, dialog: <>{dialog}{status}</> };
}
