/**
 * The class's comparison matrix, as it lives in the course's compare room beside the evidence links:
 * rows (themes) under the root `matrix`, which only instructors write; entries (a claim and its
 * evidence, in one row and one case's column) under each member's own `u:<userId>`, like their links.
 * A row is never removed, only marked deleted, so its entries are kept and come back with it
 * (docs/compare.md).
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { entryCache, isKind, readBranchEntries } from '~/lib/branch-entries';
import { UUID_PATTERN } from '~/lib/rooms/ids';
import { MATRIX_BRANCH, MOD_BRANCH, userBranch } from '~/lib/rooms/kinds';
import { linkEndSchema, type LinkEnd } from './links';

export { MATRIX_BRANCH };

export const MATRIX_LIMITS = { rows: 200, title: 120, prompt: 300, claim: 500, proposalsPerMember: 20 } as const;

const uuid = z.string().regex(new RegExp(`^${UUID_PATTERN}$`));

export const matrixRowSchema = z.object({
  type: z.literal('MatrixRow'),
  id: z.string().min(1).max(64),
  title: z.string().trim().min(1).max(MATRIX_LIMITS.title),
  /** What a cell of the row asks for: shown in its empty cells. */
  prompt: z.string().max(MATRIX_LIMITS.prompt),
  /** The row's place: rows are listed by it (a moved row takes a position between its neighbours'). */
  position: z.number().finite(),
  /** No new entries while locked. */
  locked: z.boolean(),
  deleted: z.boolean(),
  /** The instructor who made it. */
  by: uuid,
  /** The student's proposal it was accepted from. */
  from: z.object({ authorId: uuid, id: z.string().min(1).max(64) }).optional(),
  created: z.number(),
  modified: z.number(),
});
export type MatrixRow = z.infer<typeof matrixRowSchema>;

/** A row a student proposes (in their own branch), when the matrix's settings allow it. */
export const rowProposalSchema = z.object({
  type: z.literal('MatrixRowProposal'),
  id: z.string().min(1).max(64),
  title: z.string().trim().min(1).max(MATRIX_LIMITS.title),
  prompt: z.string().max(MATRIX_LIMITS.prompt),
  created: z.number(),
  modified: z.number(),
  deleted: z.boolean(),
});
export type RowProposal = z.infer<typeof rowProposalSchema> & { authorId: string };

/** The matrix's settings, under `mod` (instructors write them): whether students may propose rows. */
export const MATRIX_SETTINGS_KEY = 'settings:matrix';
export const matrixSettingsSchema = z.object({ studentRows: z.boolean(), by: z.string(), at: z.number() });

export function studentsMayProposeRows(doc: Y.Doc): boolean {
  return matrixSettingsSchema.safeParse(doc.getMap(MOD_BRANCH).get(MATRIX_SETTINGS_KEY)).data?.studentRows === true;
}

export function setStudentsMayProposeRows(doc: Y.Doc, allowed: boolean, by: string) {
  doc.getMap(MOD_BRANCH).set(MATRIX_SETTINGS_KEY, { studentRows: allowed, by, at: Date.now() });
}

const parsedProposals = entryCache<RowProposal>();

/** Every proposal in the room, its author's included. */
export function readRowProposals(doc: Y.Doc): RowProposal[] {
  return readBranchEntries(doc, parsedProposals, (json, id, authorId) => {
    if (!isKind(json, 'type', 'MatrixRowProposal')) return null;
    const proposal = rowProposalSchema.safeParse(json).data;
    return proposal && proposal.id === id ? { ...proposal, authorId } : null;
  });
}

export function proposeMatrixRow(doc: Y.Doc, authorId: string, input: { id: string; title: string; prompt: string }, now = Date.now()) {
  const proposal = { type: 'MatrixRowProposal', id: input.id, title: input.title.trim(), prompt: input.prompt.trim(), created: now, modified: now, deleted: false };
  doc.getMap(userBranch(authorId)).set(proposal.id, JSON.stringify(proposal));
}

/** An instructor accepts a proposal: a new row, as proposed, that says where it came from. */
export function acceptRowProposal(doc: Y.Doc, proposal: RowProposal, by: string): string | null {
  return addMatrixRow(doc, { id: crypto.randomUUID(), title: proposal.title, prompt: proposal.prompt, by, from: { authorId: proposal.authorId, id: proposal.id } });
}

/** What an entry cites: a passage, or an evidence link or note of the class (with the passages they are on). */
const evidenceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('passage'), target: z.tuple([linkEndSchema]) }),
  z.object({ kind: z.literal('note'), authorId: uuid, id: z.string().min(1).max(64), target: z.tuple([linkEndSchema]) }),
  z.object({ kind: z.literal('link'), authorId: uuid, id: z.string().min(1).max(64), target: z.tuple([linkEndSchema, linkEndSchema]) }),
]);
export type Evidence = z.infer<typeof evidenceSchema>;

export const matrixEntrySchema = z.object({
  type: z.literal('MatrixEntry'),
  id: z.string().min(1).max(64),
  row: z.string().min(1).max(64),
  /** The column: one of the course's cases. */
  case: uuid,
  claim: z.string().trim().min(1).max(MATRIX_LIMITS.claim),
  evidence: evidenceSchema,
  created: z.number(),
  modified: z.number(),
  deleted: z.boolean(),
});
export type MatrixEntryValue = z.infer<typeof matrixEntrySchema>;
export type MatrixEntry = MatrixEntryValue & { authorId: string };

/** The matrix as a page brings it for its first paint (matrix-first-paint.server.ts), before the room arrives. */
export interface MatrixFirstPaint {
  rows: MatrixRow[];
  entries: { entry: MatrixEntry; hidden: { reason: string } | null }[];
}

function parseJson<T>(value: unknown, schema: z.ZodType<T>): T | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The matrix's rows in their order, the deleted ones included (the view decides what to show). */
export function readMatrixRows(doc: Y.Doc): MatrixRow[] {
  const rows: MatrixRow[] = [];
  doc.getMap(MATRIX_BRANCH).forEach((value, id) => {
    const row = parseJson(value, matrixRowSchema);
    if (row && row.id === id) rows.push(row);
  });
  return rows.sort((a, b) => a.position - b.position || a.created - b.created);
}

const parsedEntries = entryCache<MatrixEntry>();

/** Every well-formed matrix entry in the room (an unchanged entry stays the same object). */
export function readMatrixEntries(doc: Y.Doc): MatrixEntry[] {
  return readBranchEntries(doc, parsedEntries, (json, id, authorId) => {
    if (!isKind(json, 'type', 'MatrixEntry')) return null;
    const entry = matrixEntrySchema.safeParse(json).data;
    return entry && entry.id === id ? { ...entry, authorId } : null;
  });
}

/** The rows that are not deleted: what the row limit counts. */
export const liveRowCount = (rows: readonly MatrixRow[]) => rows.filter((r) => !r.deleted).length;

export function addMatrixRow(doc: Y.Doc, input: { id: string; title: string; prompt: string; by: string; from?: MatrixRow['from'] }, now = Date.now()): string | null {
  const rows = readMatrixRows(doc);
  if (liveRowCount(rows) >= MATRIX_LIMITS.rows) return `The matrix has ${MATRIX_LIMITS.rows} rows, its limit: delete one first.`;
  const last = rows.at(-1)?.position ?? 0;
  const row: MatrixRow = { type: 'MatrixRow', id: input.id, title: input.title.trim(), prompt: input.prompt.trim(), position: last + 1, locked: false, deleted: false, by: input.by, created: now, modified: now };
  if (input.from) row.from = input.from;
  doc.getMap(MATRIX_BRANCH).set(row.id, JSON.stringify(row));
  return null;
}

/** Changes a row: its title, prompt, lock, deletion, or position. */
export function updateMatrixRow(doc: Y.Doc, id: string, change: Partial<Pick<MatrixRow, 'title' | 'prompt' | 'locked' | 'deleted' | 'position'>>) {
  const row = parseJson(doc.getMap(MATRIX_BRANCH).get(id), matrixRowSchema);
  if (row) doc.getMap(MATRIX_BRANCH).set(id, JSON.stringify({ ...row, ...change, modified: Date.now() }));
}

/**
 * Moves a row one place up (-1) or down (+1) among the rows shown: it takes a position between its new
 * neighbours', so one write moves it and a concurrent move of another row cannot undo it.
 */
export function moveMatrixRow(doc: Y.Doc, id: string, by: -1 | 1, shown: readonly MatrixRow[]) {
  const i = shown.findIndex((r) => r.id === id);
  const j = i + by;
  if (i < 0 || j < 0 || j >= shown.length) return;
  const next = shown[j + by];
  const beyond = next ? next.position : shown[j]!.position + by;
  updateMatrixRow(doc, id, { position: (shown[j]!.position + beyond) / 2 });
}

export function addMatrixEntry(doc: Y.Doc, authorId: string, input: { id: string; row: string; caseId: string; claim: string; evidence: Evidence }, now = Date.now()) {
  const entry: MatrixEntryValue = { type: 'MatrixEntry', id: input.id, row: input.row, case: input.caseId, claim: input.claim.trim(), evidence: input.evidence, created: now, modified: now, deleted: false };
  doc.getMap(userBranch(authorId)).set(entry.id, JSON.stringify(entry));
}

/** Edits one's own entry's claim, or deletes it (kept as a tombstone, as links are). */
export function updateMatrixEntry(doc: Y.Doc, authorId: string, id: string, change: { claim?: string; deleted?: boolean }) {
  const entry = parseJson(doc.getMap(userBranch(authorId)).get(id), matrixEntrySchema);
  if (entry) doc.getMap(userBranch(authorId)).set(id, JSON.stringify({ ...entry, ...change, modified: Date.now() }));
}

/** The passages an entry cites, for its citation lines. */
export const citedEnds = (evidence: Evidence): LinkEnd[] => evidence.target;
