/**
 * What a member typed into search, read: words and "quoted phrases", each in search's normal form,
 * or why it cannot be searched. Nothing of it reaches PostgreSQL but letters and digits.
 */
import { normalise } from './normalise';

export const QUERY_LIMITS = { chars: 200, terms: 12 } as const;

/** A word (its normal form; `prefix`: the last word, still being typed) or a phrase of several. */
export type Term = { kind: 'word'; word: string; prefix: boolean } | { kind: 'phrase'; words: string[] };

export type ParsedQuery = { ok: true; terms: Term[] } | { ok: false; error: string };

export function parseQuery(raw: string): ParsedQuery {
  const text = raw.trim();
  if (text.length === 0) return { ok: false, error: '' };
  if (text.length > QUERY_LIMITS.chars) return { ok: false, error: `A search is at most ${QUERY_LIMITS.chars} characters; this one is ${text.length}.` };
  const quotes = (text.match(/"/g) ?? []).length;
  if (quotes % 2 === 1) return { ok: false, error: 'A quotation mark is not closed: put a phrase between two, like "anti-party group".' };
  const terms: Term[] = [];
  text.split('"').forEach((part, i) => {
    const words = normalise(part).split(' ').filter(Boolean);
    if (i % 2 === 1) {
      if (words.length > 1) terms.push({ kind: 'phrase', words });
      else if (words.length === 1) terms.push({ kind: 'word', word: words[0]!, prefix: false });
    } else {
      for (const word of words) terms.push({ kind: 'word', word, prefix: false });
    }
  });
  if (terms.length === 0) return { ok: false, error: 'Search for a word or a name: punctuation alone finds nothing.' };
  if (terms.length > QUERY_LIMITS.terms) return { ok: false, error: `Search for at most ${QUERY_LIMITS.terms} words at a time.` };
  // As you type, the last word may be unfinished ("malen" finds "Malenkov").
  const last = terms.at(-1)!;
  if (last.kind === 'word' && last.word.length >= 3 && !/["\s]$/.test(raw)) terms[terms.length - 1] = { ...last, prefix: true };
  return { ok: true, terms };
}

/** A term's text in normal form: its word, or its phrase's words with a space between. */
export const termKey = (t: Term) => (t.kind === 'word' ? t.word : t.words.join(' '));

/**
 * The tsqueries of the terms: every word as typed (`exact`); each term or any of its other spellings
 * (`widened`: close spellings the sources hold, a person's variants; a spelling of several words is a
 * phrase); and what only another spelling finds (`close`: some term by another spelling alone, the others
 * in any spelling; null when no term has one). `close` is what keeps a search fast: its rare spellings are
 * few in the index, where `widened` minus `exact` would be sifted from every match.
 */
export function tsQueries(terms: readonly Term[], widened: readonly { word: string; variants: readonly string[] }[]): { exact: string; widened: string; close: string | null } {
  const lexeme = (w: string, prefix = false) => `'${w}'${prefix ? ':*' : ''}`;
  const spelling = (v: string) => (v.includes(' ') ? `(${v.split(' ').map((w) => lexeme(w)).join(' <-> ')})` : lexeme(v));
  const variantsOf = new Map(widened.map((w) => [w.word, w.variants]));
  const variants = (t: Term) => variantsOf.get(termKey(t)) ?? [];
  const exactOf = (t: Term) => (t.kind === 'word' ? lexeme(t.word, t.prefix) : `(${t.words.map((w) => lexeme(w)).join(' <-> ')})`);
  const wideOf = (t: Term) => (variants(t).length > 0 ? `(${[exactOf(t), ...variants(t).map(spelling)].join(' | ')})` : exactOf(t));
  const close = terms.flatMap((t, i) =>
    variants(t).length > 0 ? [`(${terms.map((u, j) => (j === i ? `(${variants(t).map(spelling).join(' | ')})` : wideOf(u))).join(' & ')})`] : [],
  );
  return { exact: terms.map(exactOf).join(' & '), widened: terms.map(wideOf).join(' & '), close: close.length > 0 ? close.join(' | ') : null };
}
