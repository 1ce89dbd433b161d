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

/** The distinct words of the terms, each to be widened to its close spellings. */
export const wordsOfTerms = (terms: readonly Term[]) => [...new Set(terms.flatMap((t) => (t.kind === 'word' ? [t.word] : t.words)))];

/** A tsquery of the terms: each word alone (`exact`), or with its close spellings too (`widened`). */
export function tsQueries(terms: readonly Term[], widened: readonly { word: string; variants: readonly string[] }[]): { exact: string; widened: string } {
  const lexeme = (w: string, prefix = false) => `'${w}'${prefix ? ':*' : ''}`;
  const variantsOf = new Map(widened.map((w) => [w.word, w.variants]));
  const exact = terms.map((t) => (t.kind === 'word' ? lexeme(t.word, t.prefix) : `(${t.words.map((w) => lexeme(w)).join(' <-> ')})`));
  const wide = terms.map((t) =>
    t.kind === 'word' ? `(${[lexeme(t.word, t.prefix), ...(variantsOf.get(t.word) ?? []).map((v) => lexeme(v))].join(' | ')})` : `(${t.words.map((w) => lexeme(w)).join(' <-> ')})`,
  );
  return { exact: exact.join(' & '), widened: wide.join(' & ') };
}
