/**
 * The class's comparison matrix, live from the course's compare room (app/lib/compare/matrix.ts): its
 * rows in order, each cell's entries, who is adding to which cell, and the writes a member may make.
 * A hidden entry is shown to its author and to instructors only; a deleted one to nobody.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  acceptRowProposal,
  addMatrixEntry,
  addMatrixRow,
  moveMatrixRow,
  proposeMatrixRow,
  readMatrixEntries,
  readMatrixRows,
  readRowProposals,
  setStudentsMayProposeRows,
  studentsMayProposeRows,
  updateMatrixEntry,
  updateMatrixRow,
  type Evidence,
  type MatrixEntry,
  type MatrixFirstPaint,
  type MatrixRow,
  type RowProposal,
} from '~/lib/compare/matrix';
import { readModFlags, setHidden, type ModFlag } from '~/lib/notes/model';
import { entryKey } from '~/lib/rooms/kinds';
import type { LiveRoom } from '~/lib/notes/use-room';

export interface EntryView {
  key: string;
  entry: MatrixEntry;
  authorName: string;
  flag: ModFlag | null;
}

/** A cell's key: its row and its case's column. */
export const cellKey = (rowId: string, caseId: string) => `${rowId}|${caseId}`;

export interface Matrix {
  /** There is something to show: the room has arrived, or the page brought the matrix (until then nothing is shown as empty). */
  ready: boolean;
  /**
   * What is shown comes from the room, not from what the page brought. Changes wait for it: they are
   * made on the room's copy of a row or entry, which is not there before.
   */
  live: boolean;
  rows: MatrixRow[];
  deletedRows: MatrixRow[];
  /** Entries by cellKey, oldest first. */
  cells: Map<string, EntryView[]>;
  /** Whether students may propose rows (instructors decide). */
  studentRows: boolean;
  /** Proposed rows: every one for instructors, one's own for students; with what became of each. */
  proposals: ProposalView[];
  /** Who else is adding to each cell now, by cellKey. */
  editors: Map<string, string[]>;
  /** Says to the class which cell we are adding to (null: none). */
  setEditing(cell: string | null): void;
  addRow(input: { title: string; prompt: string }): string | null;
  updateRow(id: string, change: Partial<Pick<MatrixRow, 'title' | 'prompt' | 'locked' | 'deleted'>>): void;
  moveRow(id: string, by: -1 | 1): void;
  /** Adds an entry: null, or why not (nothing written). */
  addEntry(input: { rowId: string; caseId: string; claim: string; evidence: Evidence }): string | null;
  editEntry(view: EntryView, claim: string): void;
  deleteEntry(view: EntryView): void;
  setHidden(view: EntryView, hidden: boolean, reason: string): void;
  setStudentRows(allowed: boolean): void;
  propose(input: { title: string; prompt: string }): string | null;
  accept(proposal: ProposalView): string | null;
  reject(proposal: ProposalView, reason: string): void;
}

export interface ProposalView {
  key: string;
  proposal: RowProposal;
  authorName: string;
  state: { is: 'pending' } | { is: 'accepted'; row: string } | { is: 'rejected'; reason: string };
}

export function useMatrix(input: {
  room: LiveRoom | null;
  me: { id: string };
  isInstructor: boolean;
  names: Record<string, string>;
  /** The matrix the page brought with it: shown until the room has synced. */
  firstPaint?: MatrixFirstPaint;
  /**
   * Only the rows, for pages that add to the matrix but do not show it (a reader): its entries and
   * proposals are not read on each change of a busy room.
   */
  rowsOnly?: boolean;
}): Matrix {
  const { room, me, isInstructor, names, firstPaint, rowsOnly = false } = input;
  // The room once it has arrived (or, with nothing brought by the page, this browser's own copy of it).
  const live = room && (room.synced || (room.localLoaded && !firstPaint)) ? room : null;
  const version = live?.version ?? -1;
  // Each entry's view of the last change, kept while the entry is the same: the page's entries and the
  // arrived room's are different objects for the same entries, and their items are not drawn again.
  const previous = useRef({ views: new Map<string, EntryView>(), names });
  const { rows, deletedRows, cells, proposals, studentRows } = useMemo(() => {
    const cells = new Map<string, EntryView[]>();
    const kept = previous.current.names === names ? previous.current.views : new Map<string, EntryView>();
    const views = new Map<string, EntryView>();
    const add = (entry: MatrixEntry, flag: ModFlag | null) => {
      const cell = cellKey(entry.row, entry.case);
      const list = cells.get(cell);
      const key = entryKey(entry.authorId, entry.id);
      const before = kept.get(key);
      const view =
        before && sameEntry(before.entry, entry) && before.flag?.hidden === flag?.hidden && before.flag?.reason === flag?.reason
          ? before
          : { key, entry, authorName: names[entry.authorId] ?? 'Former member', flag };
      views.set(key, view);
      if (list) list.push(view);
      else cells.set(cell, [view]);
    };
    let all: MatrixRow[] = [];
    const flags = live ? readModFlags(live.doc) : new Map<string, ModFlag>();
    if (live) {
      all = readMatrixRows(live.doc);
      for (const entry of rowsOnly ? [] : readMatrixEntries(live.doc).sort((a, b) => a.created - b.created)) {
        const flag = flags.get(entryKey(entry.authorId, entry.id)) ?? null;
        if (entry.deleted || (flag?.hidden && !isInstructor && entry.authorId !== me.id)) continue;
        add(entry, flag);
      }
    } else if (firstPaint) {
      // (the server applied the visibility rules)
      all = firstPaint.rows;
      for (const { entry, hidden } of firstPaint.entries) add(entry, hidden ? { hidden: true, reason: hidden.reason, by: '', at: 0 } : null);
    }
    const proposals: ProposalView[] = [];
    if (live && !rowsOnly) {
      for (const proposal of readRowProposals(live.doc)) {
        if (proposal.deleted || (!isInstructor && proposal.authorId !== me.id)) continue;
        const key = entryKey(proposal.authorId, proposal.id);
        const row = all.find((r) => r.from?.authorId === proposal.authorId && r.from.id === proposal.id);
        const flag = flags.get(key);
        const state: ProposalView['state'] = row ? { is: 'accepted', row: row.title } : flag?.hidden ? { is: 'rejected', reason: flag.reason } : { is: 'pending' };
        proposals.push({ key, proposal, authorName: names[proposal.authorId] ?? 'Former member', state });
      }
    }
    previous.current = { views, names };
    return { rows: all.filter((r) => !r.deleted), deletedRows: all.filter((r) => r.deleted), cells, proposals, studentRows: live ? studentsMayProposeRows(live.doc) : false };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` stands for the room's content
  }, [live?.doc, version, names, isInstructor, me.id, firstPaint, rowsOnly]);

  const editors = useCellEditors(room, me.id);
  const latest = useRef({ room, rows });
  latest.current = { room, rows };
  const doc = () => latest.current.room?.doc ?? null;

  return {
    live: live !== null,
    ready: room?.synced === true || firstPaint !== undefined || (live !== null && rows.length > 0),
    rows,
    deletedRows,
    cells,
    proposals,
    studentRows,
    editors,
    setEditing(cell) {
      // Only a change is sent (Yjs sends every call). The server drops presence over a member's rate,
      // and a dropped "no longer adding" would leave classmates seeing it until the next renewal
      // (15 s): it is said once more a moment later.
      const awareness = room?.awareness;
      const current = (awareness?.getLocalState() as { matrixCell?: string | null } | null)?.matrixCell ?? null;
      if (!awareness || current === cell) return;
      awareness.setLocalStateField('matrixCell', cell);
      if (cell === null) {
        setTimeout(() => {
          const state = awareness.getLocalState() as { matrixCell?: string | null } | null;
          if (state && (state.matrixCell ?? null) === null) awareness.setLocalState({ ...state });
        }, 1500);
      }
    },
    addRow({ title, prompt }) {
      const d = doc();
      if (!d) return 'The matrix has not arrived yet. Try again in a moment.';
      return addMatrixRow(d, { id: crypto.randomUUID(), title, prompt, by: me.id });
    },
    updateRow(id, change) {
      const d = doc();
      if (d) updateMatrixRow(d, id, change);
    },
    moveRow(id, by) {
      const d = doc();
      if (d) moveMatrixRow(d, id, by, latest.current.rows);
    },
    addEntry({ rowId, caseId, claim, evidence }) {
      const d = doc();
      if (!d) return 'The matrix has not arrived yet. Try again in a moment.';
      const row = latest.current.rows.find((r) => r.id === rowId);
      if (!row) return 'That row is no longer in the matrix.';
      if (row.locked) return `The row “${row.title}” is locked: an instructor has closed it to new entries.`;
      addMatrixEntry(d, me.id, { id: crypto.randomUUID(), row: rowId, caseId, claim, evidence });
      return null;
    },
    editEntry(view, claim) {
      const d = doc();
      if (d) updateMatrixEntry(d, me.id, view.entry.id, { claim });
    },
    deleteEntry(view) {
      const d = doc();
      if (d) updateMatrixEntry(d, me.id, view.entry.id, { deleted: true });
    },
    setHidden(view, hidden, reason) {
      const d = doc();
      if (d) setHidden(d, { authorId: view.entry.authorId, noteId: view.entry.id, hidden, reason, by: me.id });
    },
    setStudentRows(allowed) {
      const d = doc();
      if (d) setStudentsMayProposeRows(d, allowed, me.id);
    },
    propose({ title, prompt }) {
      const d = doc();
      if (!d) return 'The matrix has not arrived yet. Try again in a moment.';
      if (!studentsMayProposeRows(d)) return 'Your instructors have closed the matrix to proposed rows.';
      proposeMatrixRow(d, me.id, { id: crypto.randomUUID(), title, prompt });
      return null;
    },
    accept(proposal) {
      const d = doc();
      return d ? acceptRowProposal(d, proposal.proposal, me.id) : 'The matrix has not arrived yet. Try again in a moment.';
    },
    reject(proposal, reason) {
      const d = doc();
      // (a rejected proposal carries the moderation flag every entry can)
      if (d) setHidden(d, { authorId: proposal.proposal.authorId, noteId: proposal.proposal.id, hidden: true, reason, by: me.id });
    },
  };
}

/** Who else is adding to which cell: the compare room's presence (names stamped by the server). */
function useCellEditors(room: LiveRoom | null, me: string): Map<string, string[]> {
  const awareness = room?.awareness ?? null;
  const [editors, setEditors] = useState(new Map<string, string[]>());
  useEffect(() => {
    if (!awareness) return;
    const read = () => {
      const next = new Map<string, string[]>();
      awareness.getStates().forEach((state, clientId) => {
        const { user, matrixCell } = state as { user?: { id: string; name: string }; matrixCell?: unknown };
        if (!user || clientId === awareness.clientID || user.id === me || typeof matrixCell !== 'string') return;
        const names = next.get(matrixCell) ?? [];
        if (!names.includes(user.name)) next.set(matrixCell, [...names, user.name]);
      });
      setEditors(next);
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [awareness, me]);
  return editors;
}

/** The same entry as far as its item shows: an entry is changed only by its author, who sets `modified`. */
const sameEntry = (a: MatrixEntry, b: MatrixEntry) => a === b || (a.modified === b.modified && a.claim === b.claim && a.deleted === b.deleted && a.authorId === b.authorId);
