/**
 * The class's comparison matrix: a row per theme, a column per case, each cell listing its evidence
 * (claim, quote, ¶ citation, source, author; each opens its passage). Live for the whole class, with
 * who is adding to which cell. Instructors add, rename, reorder, lock, delete and restore rows here.
 */
import { useNavigate } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { caseColour, type CourseCase } from '~/lib/cases';
import type { MatrixRow } from '~/lib/compare/matrix';
import { ConfirmDialog } from '~/components/confirm-dialog';
import { HideDialog } from '~/components/hide-dialog';
import { MatrixEntryDialog } from './matrix-entry-dialog';
import { cite, EntryItem } from './matrix-entry-item';
import { MatrixProposals } from './matrix-proposals';
import { ChooseLinkDialog } from './choose-link-dialog';
import { NewRowForm, RowHeader } from './matrix-row-forms';
import { cellKey, type EntryView, type Matrix } from './use-matrix';
import type { LinkView } from './use-course-links';

export interface MatrixProps {
  courseId: string;
  cases: CourseCase[];
  /** Source titles by id, for citations. */
  titles: Record<string, string>;
  matrix: Matrix;
  /** The class's links a member may cite from a cell. */
  links: LinkView[];
  /** The compare room (which holds the links) has arrived. */
  linksReady: boolean;
  me: { id: string };
  isInstructor: boolean;
}

type Adding = { rowId: string; caseId: string; link: LinkView | null } | null;

export function ComparisonMatrix(props: MatrixProps) {
  const { matrix, cases, isInstructor } = props;
  const [adding, setAdding] = useState<Adding>(null);
  const [deleting, setDeleting] = useState<MatrixRow | null>(null);
  const [hiding, setHiding] = useState<EntryView | null>(null);

  useMatrixPaintedMark(matrix);
  const navigate = useNavigate();
  if (!matrix.ready) {
    return (
      <p className="hint" role="status">
        Loading the class’s matrix…
      </p>
    );
  }
  const entriesIn = (row: MatrixRow) => cases.reduce((n, c) => n + (matrix.cells.get(cellKey(row.id, c.id))?.length ?? 0), 0);
  return (
    // The citations are plain links (a matrix holds thousands: a router Link each is a cost on every
    // render), followed within the app here, as a router Link would be.
    <div
      className="matrix"
      onClick={(e) => {
        const link = (e.target as HTMLElement).closest<HTMLAnchorElement>('.matrix-entry a[href^="/"]');
        if (!link || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(link.getAttribute('href')!);
      }}
    >
      {matrix.rows.length === 0 ? (
        <p className="empty">
          {isInstructor
            ? 'The matrix has no rows yet. Add the themes the class should compare the cases on, e.g. “Who moved against the leader”.'
            : 'The matrix has no rows yet: your instructor adds the themes to compare the cases on.'}
        </p>
      ) : (
        <table className="matrix-table">
          <thead>
            <tr>
              <th scope="col">Theme</th>
              {cases.map((c) => (
                <th key={c.id} scope="col" style={{ '--case-colour': c.colour } as React.CSSProperties}>
                  {c.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row, i) => (
              <tr key={row.id} data-row={row.id}>
                <th scope="row">
                  <RowHeader row={row} index={i} count={matrix.rows.length} matrix={matrix} isInstructor={isInstructor} onDelete={() => setDeleting(row)} />
                </th>
                {cases.map((c) => {
                  const cell = cellKey(row.id, c.id);
                  const entries = matrix.cells.get(cell) ?? [];
                  const editors = matrix.editors.get(cell) ?? [];
                  return (
                    <td key={c.id} data-case={c.title} style={{ '--case-colour': caseColour(cases, c.id) ?? undefined } as React.CSSProperties}>
                      <span className="cell-case" aria-hidden="true">
                        {c.title}
                      </span>
                      {entries.length === 0 ? <p className="cell-prompt">{row.prompt || 'No evidence yet.'}</p> : null}
                      {/* Its entries' controls wait for the room: changes are made on the room's copy (Matrix.live). */}
                      <fieldset className="matrix-controls" disabled={!matrix.live}>
                        <ul className="cell-entries">
                          {entries.map((view) => (
                            <EntryItem key={view.key} view={view} {...props} onHide={() => setHiding(view)} />
                          ))}
                        </ul>
                      </fieldset>
                      {editors.length > 0 ? (
                        <p className="cell-editors" role="status">
                          {editors.join(', ')} {editors.length === 1 ? 'is' : 'are'} adding here…
                        </p>
                      ) : null}
                      {row.locked ? null : (
                        <button type="button" className="link-button add-evidence" onClick={() => setAdding({ rowId: row.id, caseId: c.id, link: null })} aria-label={`Add evidence to “${row.title}”, ${c.title}`}>
                          + Add evidence…
                        </button>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {isInstructor ? <NewRowForm matrix={matrix} /> : null}
      <MatrixProposals matrix={matrix} isInstructor={isInstructor} />
      {isInstructor && matrix.deletedRows.length > 0 ? (
        <details className="deleted-rows">
          <summary>Deleted rows ({matrix.deletedRows.length})</summary>
          <ul>
            {matrix.deletedRows.map((row) => (
              <li key={row.id}>
                {row.title}{' '}
                <button type="button" className="small secondary" disabled={!matrix.live} onClick={() => matrix.updateRow(row.id, { deleted: false })}>
                  Restore
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {adding && !adding.link ? <ChooseLinkDialog {...props} onChoose={(link) => setAdding({ ...adding, link })} onCancel={() => setAdding(null)} /> : null}
      {adding?.link ? (
        <MatrixEntryDialog
          evidence={adding.link.link.target.map((end) => cite(end, props.titles))}
          rows={matrix.rows}
          cases={cases}
          rowId={adding.rowId}
          caseId={adding.caseId}
          ready={matrix.ready}
          onCell={matrix.setEditing}
          onCancel={() => setAdding(null)}
          onSave={({ rowId, caseId, claim }) => {
            const { link } = adding.link!;
            const refusal = matrix.addEntry({ rowId, caseId, claim, evidence: { kind: 'link', authorId: link.authorId, id: link.id, target: link.target } });
            if (!refusal) setAdding(null);
            return refusal;
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={`Delete the row “${deleting.title}”?`}
          confirmLabel="Delete row"
          danger
          onConfirm={() => {
            matrix.updateRow(deleting.id, { deleted: true });
            setDeleting(null);
          }}
          onCancel={() => setDeleting(null)}
        >
          <p>
            {entriesIn(deleting) === 0 ? 'It has no evidence yet.' : `Its ${entriesIn(deleting)} entries are kept, not shown.`} A deleted row can be restored from “Deleted rows”
            below the matrix, with its entries.
          </p>
        </ConfirmDialog>
      ) : null}
      {hiding ? (
        <HideDialog
          what="matrix entry"
          explanation="Classmates no longer see it. Its author still sees it, with your reason."
          onHide={(reason) => {
            props.matrix.setHidden(hiding, true, reason);
            setHiding(null);
          }}
          onCancel={() => setHiding(null)}
        />
      ) : null}
    </div>
  );
}

/**
 * Performance marks (read by npm run bench:compare): once the matrix is on screen with its rows
 * (hydrated, when the page brought it), and once it is shown from the live room.
 */
function useMatrixPaintedMark(matrix: Matrix) {
  const marked = useRef({ painted: false, live: false });
  useEffect(() => {
    const entries = [...matrix.cells.values()].reduce((n, list) => n + list.length, 0);
    const mark = (name: string) => requestAnimationFrame(() => performance.mark(name, { detail: { rows: matrix.rows.length, entries } }));
    if (!marked.current.painted && matrix.ready) {
      marked.current.painted = true;
      mark('plenum:matrix-painted');
    }
    if (!marked.current.live && matrix.live) {
      marked.current.live = true;
      mark('plenum:matrix-live');
    }
  }, [matrix]);
}
