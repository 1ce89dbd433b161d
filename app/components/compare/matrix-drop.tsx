/**
 * Dragging evidence into the matrix from the compare view: a selected passage, a note card (by its
 * header) or a link's badge. While something that can be cited is dragged, the matrix's open cells
 * appear as a strip of drop targets; dropping on one opens "Add to matrix" for that row and column.
 * (The same is done from the keyboard with "Add to matrix…".)
 */
import { useEffect, useRef, useState } from 'react';
import type { CourseCase } from '~/lib/cases';
import { endOfPassage } from '~/lib/compare/links';
import type { Evidence } from '~/lib/compare/matrix';
import { selectedPassage } from '~/lib/notes/selection';
import type { SourceBlock } from '~/lib/source-html';
import { blockAtOffset } from '~/lib/compare/link-anchors';
import type { LinkView } from './use-course-links';
import type { Matrix } from './use-matrix';

type Passage = { start: number; end: number };

/** The source a drag started in: its reader's element and its text. */
export interface DragSource {
  root: HTMLElement;
  source: { id: string; version: number; text: string };
  blocks: readonly SourceBlock[];
}

/** What a drag starting at `target` cites: a class link's badge, a note card's header, or the selected passage of `here`. */
export function evidenceAt(target: Element, views: readonly LinkView[], here: DragSource | null): Evidence | null {
  const badge = target.closest<HTMLElement>('.link-badge[data-link]');
  if (badge) {
    // (A link brought by the page can be cited before its room arrives: the entry carries its passages.)
    const view = views.find((v) => v.key === badge.dataset.link && v.visibility === 'class' && !v.flag?.hidden);
    return view ? { kind: 'link', authorId: view.link.authorId, id: view.link.id, target: view.link.target } : null;
  }
  if (!here) return null;
  const endAt = (passage: Passage) => endOfPassage(here.source, passage, blockAtOffset(here.blocks, passage.start)?.number);
  const note = target.closest<HTMLElement>('[data-note-drag]');
  if (note) {
    const { author, id, start, end } = note.dataset;
    return author && id ? { kind: 'note', authorId: author, id, target: [endAt({ start: Number(start), end: Number(end) })] } : null;
  }
  const passage = selectedPassage(here.root);
  return passage ? { kind: 'passage', target: [endAt(passage)] } : null;
}

/**
 * Watches drags that start within `root`; returns the evidence being dragged, while it is.
 * `evidenceAt` says what a drag starting at an element cites (null: not evidence, nothing shown).
 */
export function useEvidenceDrag(root: React.RefObject<HTMLElement>, evidenceAt: (target: Element) => Evidence | null) {
  const [dragged, setDragged] = useState<Evidence | null>(null);
  const latest = useRef(evidenceAt);
  latest.current = evidenceAt;
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const start = (e: DragEvent) => {
      // (A dragged selection starts at its text node.)
      const at = e.target instanceof Text ? e.target.parentElement : e.target instanceof Element ? e.target : null;
      const evidence = at ? latest.current(at) : null;
      if (!evidence || !e.dataTransfer) return;
      e.dataTransfer.effectAllowed = 'copy';
      setDragged(evidence);
    };
    const end = () => setDragged(null);
    el.addEventListener('dragstart', start);
    // (Fired at the dragged thing once dropped anywhere, or given up.)
    window.addEventListener('dragend', end, true);
    return () => {
      el.removeEventListener('dragstart', start);
      window.removeEventListener('dragend', end, true);
    };
  }, [root]);
  return dragged;
}

/** The matrix's open cells as drop targets, shown while evidence is dragged. */
export function MatrixDropStrip(props: { evidence: Evidence | null; matrix: Matrix; cases: CourseCase[]; onDrop(evidence: Evidence, cell: { rowId: string; caseId: string }): void }) {
  const [over, setOver] = useState<string | null>(null);
  const { evidence } = props;
  if (!evidence) return null;
  const rows = props.matrix.rows.filter((r) => !r.deleted && !r.locked);
  return (
    <div className="matrix-drop" role="region" aria-label="Drop on a cell of the matrix">
      <p className="matrix-drop-title">{rows.length > 0 ? 'Drop on a cell of the matrix' : 'The matrix has no open rows to add to yet.'}</p>
      {rows.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Theme</th>
              {props.cases.map((c) => (
                <th key={c.id} scope="col">
                  {c.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.title}</th>
                {props.cases.map((c) => {
                  const key = `${row.id}|${c.id}`;
                  return (
                    <td
                      key={c.id}
                      className={over === key ? 'over' : undefined}
                      data-cell={key}
                      onDragOver={(e) => {
                        e.preventDefault();
                        e.dataTransfer.dropEffect = 'copy';
                      }}
                      onDragEnter={() => setOver(key)}
                      onDragLeave={() => setOver((o) => (o === key ? null : o))}
                      onDrop={(e) => {
                        e.preventDefault();
                        setOver(null);
                        props.onDrop(evidence, { rowId: row.id, caseId: c.id });
                      }}
                    >
                      <span aria-hidden="true">+</span>
                      <span className="visually-hidden">
                        {row.title}, {c.title}
                      </span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
