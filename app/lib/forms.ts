import { data } from '@remix-run/node';
import { z } from 'zod';

export type FieldErrors = Partial<Record<string, string>>;

/**
 * Parses a form with a zod schema. On failure returns the first message per field, for the action to
 * answer with status 400 (`invalid(...)`) and the form to show beside each field.
 */
export function parseForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
): { ok: true; value: z.infer<S> } | { ok: false; fieldErrors: FieldErrors } {
  const entries: Record<string, unknown> = {};
  for (const [key, value] of formData) entries[key] = typeof value === 'string' ? value : value;
  const result = schema.safeParse(entries);
  if (result.success) return { ok: true, value: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}

/** A 400 answer carrying field errors (and, for a form-wide problem, `form`). */
export function invalid(fieldErrors: FieldErrors, status = 400) {
  return data({ fieldErrors }, { status });
}

/** A required, trimmed text field with a readable message. */
export function text(label: string, max: number) {
  return z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} is at most ${max} characters`);
}
