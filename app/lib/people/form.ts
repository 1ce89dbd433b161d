/** The forms of the People pages, read: every field's problem at once, or what to store. */
import { z } from 'zod';
import { parseForm, text, type FieldErrors } from '~/lib/forms';
import { readSpelling } from './spellings';

export const PERSON_LIMITS = { name: 120, role: 200, spellings: 30 } as const;

export interface PersonForm {
  name: string;
  role: string;
  /** A case of the course, or null: every case. */
  caseId: string | null;
  /** The name's own spelling first, then the other spellings typed (one per line), without repeats. */
  spellings: { spelling: string; norm: string }[];
}

const personSchema = z.object({
  name: text('Name', PERSON_LIMITS.name),
  role: z.string().trim().max(PERSON_LIMITS.role, `Role is at most ${PERSON_LIMITS.role} characters`).default(''),
  caseId: z.string().default(''),
  spellings: z.string().default(''),
});

export function readPersonForm(formData: FormData, caseIds: readonly string[]): { ok: true; value: PersonForm } | { ok: false; fieldErrors: FieldErrors } {
  const parsed = parseForm(formData, personSchema);
  const fieldErrors: FieldErrors = parsed.ok ? {} : { ...parsed.fieldErrors };
  const raw = Object.fromEntries([...formData].map(([k, v]) => [k, typeof v === 'string' ? v : '']));
  const caseId = String(raw.caseId ?? '');
  if (caseId !== '' && !caseIds.includes(caseId)) fieldErrors.caseId = 'Choose one of the course’s cases, or “Both cases”.';
  const spellings: PersonForm['spellings'] = [];
  const name = readSpelling(String(raw.name ?? ''));
  if (!fieldErrors.name && !name.ok) fieldErrors.name = name.error;
  if (name.ok) spellings.push({ spelling: name.spelling, norm: name.norm });
  const lines = String(raw.spellings ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length > PERSON_LIMITS.spellings) fieldErrors.spellings = `At most ${PERSON_LIMITS.spellings} spellings at a time.`;
  for (const [i, line] of lines.entries()) {
    const read = readSpelling(line);
    if (!read.ok) {
      fieldErrors.spellings ??= `Line ${i + 1}: ${read.error}`;
      continue;
    }
    if (!spellings.some((s) => s.norm === read.norm)) spellings.push({ spelling: read.spelling, norm: read.norm });
  }
  if (Object.keys(fieldErrors).length > 0 || !parsed.ok) return { ok: false, fieldErrors };
  return { ok: true, value: { name: parsed.value.name, role: parsed.value.role, caseId: caseId || null, spellings } };
}
