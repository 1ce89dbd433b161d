/**
 * Search's normal form of text, the same in the browser, the server and PostgreSQL (`plenum_norm`,
 * migration 015): lower case, without diacritics, possessives' "'s" and other apostrophes dropped, and
 * every other run of non-letters a space. So `Ch'oe Ch'ang-ik`, `Choe Chang-ik` and `Ch'oe Chang ik` are all
 * "choe chang ik", and "Kim Il-sung" is "kim il sung".
 */

// Letters that Unicode does not decompose into a base and a mark, as PostgreSQL's unaccent maps them.
const FOLDED: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', þ: 'th', ð: 'd' };

export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[łøđßæœıþð]/g, (c) => FOLDED[c]!)
    // A possessive is its word ("Malenkov's" is "malenkov"); other apostrophes are dropped.
    .replace(/['’ʼ]s(?![\p{L}\p{N}])/gu, '')
    .replace(/['’‘ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of `text` in normal form, each with where it is in `text` (for marking matches). */
export function wordsOf(text: string): { word: string; start: number; end: number }[] {
  const words: { word: string; start: number; end: number }[] = [];
  // A word as written: letters, digits, marks and the apostrophes inside romanised names.
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+(?:['’‘ʼ`][\p{L}\p{N}\p{M}]+)*/gu)) {
    const word = normalise(match[0]);
    if (word) words.push({ word, start: match.index, end: match.index + match[0].length });
  }
  return words;
}

/** The distinct words of a text in normal form, with how often each occurs (what a misspelt name is matched against). */
export function wordCounts(text: string): [string, number][] {
  const counts = new Map<string, number>();
  for (const word of normalise(text).split(' ')) if (word) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts];
}
