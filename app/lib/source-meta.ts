import { z } from 'zod';

/** The description of a source, as the upload form and `npm run import` take it. */
export const sourceMetaSchema = z.object({
  title: z.string({ error: 'Title is required' }).trim().min(1, 'Title is required').max(300, 'Title is at most 300 characters'),
  kind: z.enum(['primary', 'secondary'], { error: 'Choose primary or secondary' }),
  genre: z.string().trim().max(120, 'Genre is at most 120 characters').default(''),
  date: z
    .string()
    .trim()
    .max(10)
    .default('')
    .refine((v) => v === '' || isPartialIsoDate(v), 'Write the date as YYYY, YYYY-MM or YYYY-MM-DD, or leave it empty')
    .transform((v) => (v === '' ? null : v)),
  origin: z.string().trim().max(1000, 'Origin is at most 1000 characters').default(''),
  textNote: z.string().trim().max(1000, 'The note on the text is at most 1000 characters').default(''),
});

export type SourceMeta = z.infer<typeof sourceMetaSchema>;

function isPartialIsoDate(value: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  if (!m) return true;
  if (Number(m) < 1 || Number(m) > 12) return false;
  if (!d) return true;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCDate() === Number(d);
}
