/**
 * The assignment form: what an instructor may ask for, checked field by field with messages that say
 * what to change. Dates arrive as `datetime-local` values in the instructor's time zone.
 */
import { z } from 'zod';
import type { FieldErrors } from '~/lib/forms';
import { text } from '~/lib/forms';
import type { AssignmentInput } from '../../../db/queries/assignments';
import { fromLocalInput, isTimeZone } from '~/lib/time-zone';

export const ASSIGNMENT_LIMITS = { title: 200, prompt: 20_000, minNotes: 50, minReplies: 50, minLinks: 50, minMatrixEntries: 50, minWords: 5000, response: 100_000 } as const;

export type { AssignmentInput };

/** The form's fields as the instructor's form holds them (strings where the form has text). */
export interface AssignmentFormValues {
  title: string;
  prompt: string;
  kind: 'reading' | 'compare';
  opensAt: string; // datetime-local, in `timeZone`
  dueAt: string;
  minNotes: number;
  minReplies: number;
  minLinks: number;
  minMatrixEntries: number;
  responseRequired: boolean;
  minWords: number;
  peerGate: boolean;
  documents: Record<string, string>; // chosen document id → focus ("12, 14-16")
}

const count = (label: string, max: number) =>
  z.coerce
    .number({ error: `${label} must be a whole number` })
    .int(`${label} must be a whole number`)
    .min(0, `${label} cannot be negative`)
    .max(max, `${label} is at most ${max}`);

const fields = z.object({
  title: text('Title', ASSIGNMENT_LIMITS.title),
  prompt: text('Prompt', ASSIGNMENT_LIMITS.prompt),
  kind: z.enum(['reading', 'compare'], { error: 'Choose the kind of assignment' }),
  opensAt: z.string({ error: 'Opening date and time is required' }).min(1, 'Opening date and time is required'),
  dueAt: z.string({ error: 'Due date and time is required' }).min(1, 'Due date and time is required'),
  timeZone: z.string().refine(isTimeZone, 'Unknown time zone').catch('UTC'),
  minNotes: count('Minimum notes', ASSIGNMENT_LIMITS.minNotes),
  minReplies: count('Minimum replies', ASSIGNMENT_LIMITS.minReplies),
  // (An older form, or one without the field, asks for none.)
  minLinks: z.preprocess((v) => (v === '' || v === undefined ? 0 : v), count('Minimum links', ASSIGNMENT_LIMITS.minLinks)),
  minMatrixEntries: z.preprocess((v) => (v === '' || v === undefined ? 0 : v), count('Minimum matrix entries', ASSIGNMENT_LIMITS.minMatrixEntries)),
  responseRequired: z.literal('on').optional(),
  peerGate: z.literal('on').optional(),
  minWords: z.preprocess((v) => (v === '' || v === undefined ? 0 : v), count('Minimum words', ASSIGNMENT_LIMITS.minWords)),
});

/** "12, 14-16" → [12, 14, 15, 16]; an error message for anything else. */
export function parseFocus(value: string, blockCount: number): number[] | string {
  const numbers = new Set<number>();
  for (const part of value.split(',').map((p) => p.trim().replace(/^¶\s*/, '')).filter(Boolean)) {
    const m = /^(\d+)(?:\s*[-–]\s*(\d+))?$/.exec(part);
    if (!m) return `“${part}” is not a paragraph number or range (like 12 or 14–16)`;
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    if (from < 1 || to < from || to > blockCount) return `¶ ${part} is not in this source (it has ¶ 1–${blockCount})`;
    for (let n = from; n <= to; n++) numbers.add(n);
  }
  return [...numbers].sort((a, b) => a - b);
}

export function parseAssignmentForm(
  formData: FormData,
  courseDocuments: { id: string; blockCount: number }[],
): { ok: true; value: AssignmentInput } | { ok: false; fieldErrors: FieldErrors } {
  const entries: Record<string, unknown> = {};
  for (const [key, value] of formData) if (typeof value === 'string') entries[key] = value;
  // Field by field, so that every error is found in one pass: a bad title does not hide a due date
  // before the opening.
  const errors: FieldErrors = {};
  const v: Partial<z.infer<typeof fields>> = {};
  for (const [key, schema] of Object.entries(fields.shape)) {
    const parsed = (schema as z.ZodType).safeParse(entries[key]);
    if (parsed.success) (v as Record<string, unknown>)[key] = parsed.data;
    else errors[key] = parsed.error.issues[0]!.message;
  }

  const chosen = new Set(formData.getAll('documentId').map(String));
  const documents: AssignmentInput['documents'] = [];
  for (const doc of courseDocuments) {
    if (!chosen.has(doc.id)) continue;
    const focus = parseFocus(String(formData.get(`focus-${doc.id}`) ?? ''), doc.blockCount);
    if (typeof focus === 'string') errors[`focus-${doc.id}`] = focus;
    else documents.push({ documentId: doc.id, focusBlocks: focus });
  }
  if (chosen.size === 0) errors.documentId = 'Choose at least one source';
  else if ([...chosen].some((id) => !courseDocuments.some((d) => d.id === id))) errors.documentId = 'One of the chosen sources is not in this course';

  const timeZone = v.timeZone ?? 'UTC';
  const opensAt = v.opensAt === undefined ? null : fromLocalInput(v.opensAt, timeZone);
  const dueAt = v.dueAt === undefined ? null : fromLocalInput(v.dueAt, timeZone);
  if (v.opensAt !== undefined && !opensAt) errors.opensAt = 'Give the opening as a date and time';
  if (v.dueAt !== undefined && !dueAt) errors.dueAt = 'Give the due date as a date and time';
  if (opensAt && dueAt && dueAt <= opensAt) errors.dueAt = 'The due time must be after the opening time';
  const responseRequired = v.responseRequired === 'on';
  const peerGate = v.peerGate === 'on';
  if (peerGate && v.kind !== 'compare') errors.peerGate = 'Only a compare assignment can keep classmates’ work hidden until students have compared';
  if (!responseRequired && (v.minWords ?? 0) > 0) errors.minWords = 'Ask for a written response to set a minimum word count';
  if (v.minNotes === 0 && v.minReplies === 0 && v.minLinks === 0 && v.minMatrixEntries === 0 && !responseRequired) {
    errors.minNotes = 'Ask for at least one note, one reply, one link, one matrix entry or a written response';
  }
  if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
  return {
    ok: true,
    value: {
      title: v.title!, prompt: v.prompt!, kind: v.kind!, opensAt: opensAt!, dueAt: dueAt!,
      minNotes: v.minNotes!, minReplies: v.minReplies!, minLinks: v.minLinks!, minMatrixEntries: v.minMatrixEntries!, responseRequired, minWords: v.minWords!, peerGate, documents,
    },
  };
}
