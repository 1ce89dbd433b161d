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

/**
 * The tsqueries of the terms: every word as typed (`exact`); each word or any of its close spellings
 * (`widened`); and what only a close spelling finds (`close`: some word by a close spelling alone, the
 * others in any spelling; null when no word has one). `close` is what keeps a search fast: its rare
 * spellings are few in the index, where `widened` minus `exact` would be sifted from every match.
 */
export function tsQueries(terms: readonly Term[], widened: readonly { word: string; variants: readonly string[] }[]): { exact: string; widened: string; close: string | null } {
  const lexeme = (w: string, prefix = false) => `'${w}'${prefix ? ':*' : ''}`;
  const variantsOf = new Map(widened.map((w) => [w.word, w.variants]));
  const variants = (t: Term) => (t.kind === 'word' ? (variantsOf.get(t.word) ?? []) : []);
  const exactOf = (t: Term) => (t.kind === 'word' ? lexeme(t.word, t.prefix) : `(${t.words.map((w) => lexeme(w)).join(' <-> ')})`);
  const wideOf = (t: Term) => (variants(t).length > 0 ? `(${[exactOf(t), ...variants(t).map((v) => lexeme(v))].join(' | ')})` : exactOf(t));
  const close = terms.flatMap((t, i) =>
    variants(t).length > 0 ? [`(${terms.map((u, j) => (j === i ? `(${variants(t).map((v) => lexeme(v)).join(' | ')})` : wideOf(u))).join(' & ')})`] : [],
  );
  return { exact: terms.map(exactOf).join(' & '), widened: terms.map(wideOf).join(' & '), close: close.length > 0 ? close.join(' | ') : null };
}
