/**
 * The cases a course compares: named by its instructor, two or more, each with a summary and a colour.
 * A source of the course belongs to one of them, or (no case) speaks to all of them.
 */
import { z } from 'zod';

export interface CourseCase {
  id: string;
  title: string;
  summary: string;
  /** `#rrggbb`: the case's labels, column heads and side headers. */
  colour: string;
}

export const MIN_CASES = 2;
export const MAX_CASES = 6;

/** Colours a new case is offered in order (each dark enough for white text and for a 3px rule). */
export const CASE_COLOURS = ['#9b2c2c', '#2c6e63', '#6a4c93', '#9a5b13', '#2f5d8a', '#5b6b2e'] as const;

/** What a source of no one case is called: "Both cases" in a course of two. */
export function allCasesLabel(cases: readonly unknown[]): string {
  return cases.length === 2 ? 'Both cases' : 'All cases';
}

/** The label of a source's case (its title), or the all-cases label. */
export function caseLabel(cases: readonly CourseCase[], caseId: string | null): string {
  return cases.find((c) => c.id === caseId)?.title ?? allCasesLabel(cases);
}

export const caseColour = (cases: readonly CourseCase[], caseId: string | null) => cases.find((c) => c.id === caseId)?.colour ?? null;

/** One case as the course forms take it. */
export const caseRowSchema = z.object({
  id: z.string().uuid().optional(),
  title: z.string().trim().min(1, 'Name the case').max(80, 'A case’s name is at most 80 characters'),
  summary: z.string().trim().max(600, 'A case’s summary is at most 600 characters').default(''),
  colour: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^#[0-9a-f]{6}$/, 'Choose a colour'),
});

export type CaseRow = z.infer<typeof caseRowSchema>;

/** A case as its form's row holds it, before it is checked. */
export interface CaseFieldRow {
  id?: string;
  title: string;
  summary: string;
  colour: string;
}

export function emptyCaseRow(index: number): CaseFieldRow {
  return { title: '', summary: '', colour: CASE_COLOURS[index % CASE_COLOURS.length]! };
}

/** The rows after an "Add a case" or "Remove case N" button, or null for any other submission. */
export function rowsAfterEdit(intent: string, rows: CaseFieldRow[]): CaseFieldRow[] | null {
  if (intent === 'add-case') return rows.length < MAX_CASES ? [...rows, emptyCaseRow(rows.length)] : rows;
  const removed = /^remove-case-(\d+)$/.exec(intent);
  if (removed) return rows.length > MIN_CASES ? rows.filter((_, i) => i !== Number(removed[1])) : rows;
  return null;
}

/** The rows of a course's cases as its forms post them: `case-<i>-id|title|summary|colour`, `caseCount` rows. */
export function readCaseRows(formData: FormData): CaseFieldRow[] {
  const count = Math.min(Math.max(Number(formData.get('caseCount')) || 0, 0), MAX_CASES + 1);
  const field = (i: number, name: string) => String(formData.get(`case-${i}-${name}`) ?? '');
  return Array.from({ length: count }, (_, i) => ({ id: field(i, 'id') || undefined, title: field(i, 'title'), summary: field(i, 'summary'), colour: field(i, 'colour') }));
}

/**
 * Checks a course's case rows: every row's fields (all errors at once, keyed `case-<i>-<field>`), between
 * MIN_CASES and MAX_CASES of them, no two with the same name.
 */
export function parseCaseRows(rows: ReturnType<typeof readCaseRows>): { ok: true; value: CaseRow[] } | { ok: false; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const value: CaseRow[] = [];
  rows.forEach((row, i) => {
    const parsed = caseRowSchema.safeParse(row);
    if (parsed.success) value.push(parsed.data);
    else for (const issue of parsed.error.issues) fieldErrors[`case-${i}-${String(issue.path[0])}`] ??= issue.message;
  });
  if (rows.length < MIN_CASES) fieldErrors.cases = `A course compares at least ${MIN_CASES} cases: name them.`;
  if (rows.length > MAX_CASES) fieldErrors.cases = `A course compares at most ${MAX_CASES} cases.`;
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const name = row.title.trim().toLowerCase();
    if (name && seen.has(name)) fieldErrors[`case-${i}-title`] ??= 'Two cases have this name: give each its own.';
    seen.set(name, i);
  });
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, value };
}

/**
 * A source's case as a form or the command line names it: one of the course's cases (by id or by its
 * name, in any letter case), or `all` for every case.
 */
export function chooseCase(value: string | null | undefined, cases: readonly CourseCase[]): { ok: true; caseId: string | null } | { ok: false; error: string } {
  const wanted = (value ?? '').trim().toLowerCase();
  if (wanted === 'all') return { ok: true, caseId: null };
  const found = cases.find((c) => c.id === wanted || c.title.toLowerCase() === wanted);
  if (found) return { ok: true, caseId: found.id };
  const names = cases.map((c) => `“${c.title}”`).join(', ');
  return { ok: false, error: wanted ? `This course has no case called “${value!.trim()}”: choose ${names} or all` : `Choose the case: ${names}, or ${allCasesLabel(cases).toLowerCase()}` };
}
