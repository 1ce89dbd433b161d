/**
 * A person's spellings (docs/people.md): each in search's normal form, matched as a phrase of whole words,
 * so that "Ch'oe Chang-ik", "Choe Chang ik" and "CHOE CHANG-IK" are one spelling, and "Kim" alone is not
 * "Kim Il Sung". Shared by the reader's People marks, search, and the People pages.
 */
import { normalise, wordsOf } from '~/lib/search/normalise';
import type { Term } from '~/lib/search/query';

export const SPELLING_MAX = 120;
/** A spelling of one word shorter than this is too common a string to mark as someone's. */
export const SPELLING_MIN_LETTERS = 3;

/** A spelling as typed, read: its normal form, or why it cannot be one. */
export function readSpelling(raw: string): { ok: true; spelling: string; norm: string } | { ok: false; error: string } {
  const spelling = raw.trim().replace(/\s+/g, ' ');
  if (spelling.length === 0) return { ok: false, error: 'Type the spelling as the source writes it.' };
  if (spelling.length > SPELLING_MAX) return { ok: false, error: `A spelling is at most ${SPELLING_MAX} characters.` };
  const norm = normalise(spelling);
  if (norm.length === 0) return { ok: false, error: 'A spelling needs letters: punctuation alone matches nothing.' };
  if (!norm.includes(' ') && norm.length < SPELLING_MIN_LETTERS) return { ok: false, error: `A one-word spelling needs at least ${SPELLING_MIN_LETTERS} letters.` };
  return { ok: true, spelling, norm };
}

/** Where a text mentions any of the spellings (normal forms): whole words, the longest spelling at each place. */
export function findSpellings(text: string, norms: readonly string[]): { start: number; end: number; norm: string }[] {
  const byFirst = new Map<string, string[][]>();
  for (const norm of norms) {
    const words = norm.split(' ');
    const list = byFirst.get(words[0]!) ?? [];
    list.push(words);
    byFirst.set(words[0]!, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  const words = wordsOf(text);
  const found: { start: number; end: number; norm: string }[] = [];
  for (let i = 0; i < words.length; i++) {
    const phrase = byFirst.get(words[i]!.word)?.find((p) => p.every((w, j) => words[i + j]?.word === w));
    if (!phrase) continue;
    found.push({ start: words[i]!.start, end: words[i + phrase.length - 1]!.end, norm: phrase.join(' ') });
    i += phrase.length - 1;
  }
  return found;
}

export interface PersonSpellings {
  id: string;
  name: string;
  norms: readonly string[];
}

/** A run of a query's terms that spells a person, and the person's other spellings to search too. */
export interface PersonMatch {
  /** The run's text in normal form (a term's key: lib/search/query.ts). */
  key: string;
  person: { id: string; name: string };
  variants: string[];
}

/**
 * Reads a query's terms against the people index: a run of words that is one of a person's spellings
 * becomes one term (a phrase if it has several words), to be searched in any of their spellings.
 */
export function personTerms(terms: readonly Term[], people: readonly PersonSpellings[]): { terms: Term[]; matches: PersonMatch[] } {
  const byNorm = new Map<string, PersonSpellings>();
  for (const person of people) for (const norm of person.norms) if (!byNorm.has(norm)) byNorm.set(norm, person);
  const longest = Math.max(1, ...[...byNorm.keys()].map((n) => n.split(' ').length));
  const out: Term[] = [];
  const matches: PersonMatch[] = [];
  const found = (key: string, person: PersonSpellings) => {
    if (!matches.some((m) => m.key === key)) matches.push({ key, person: { id: person.id, name: person.name }, variants: person.norms.filter((n) => n !== key) });
  };
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i]!;
    if (term.kind === 'phrase') {
      const person = byNorm.get(term.words.join(' '));
      if (person) found(term.words.join(' '), person);
      out.push(term);
      continue;
    }
    let taken = false;
    for (let n = Math.min(longest, terms.length - i); n >= 1 && !taken; n--) {
      const run = terms.slice(i, i + n);
      if (!run.every((t) => t.kind === 'word')) continue;
      const words = run.map((t) => (t.kind === 'word' ? t.word : ''));
      const person = byNorm.get(words.join(' '));
      if (!person) continue;
      found(words.join(' '), person);
      out.push(n === 1 ? { kind: 'word', word: words[0]!, prefix: false } : { kind: 'phrase', words });
      i += n - 1;
      taken = true;
    }
    if (!taken) out.push(term);
  }
  return { terms: out, matches };
}
