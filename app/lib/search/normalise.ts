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

/** A distinct word of a text in normal form and how often it occurs; `parts`: for a word joined across a hyphen, its parts as a phrase. */
export interface WordCount {
  word: string;
  parts: string;
  uses: number;
}

/** Two pieces of a word an OCR or a typist split with a hyphen (and perhaps a line break): "Valen-kov", "Kagano-\nvlch". */
const HYPHENATED = /(\p{L}{2,})-\s*(\p{L}{2,})/gu;

/**
 * The distinct words of a text in normal form, with how often each occurs: what a misspelt name is matched
 * against. A hyphenated word is also counted joined ("valenkov", parts "valen kov"), so that a misreading
 * split by a hyphen is close to the name it misreads.
 */
export function wordCounts(text: string): WordCount[] {
  const counts = new Map<string, WordCount>();
  const count = (word: string, parts: string) => {
    const key = `${word} ${parts}`;
    const known = counts.get(key);
    if (known) known.uses += 1;
    else counts.set(key, { word, parts, uses: 1 });
  };
  for (const word of normalise(text).split(' ')) if (word) count(word, '');
  for (const [, a, b] of text.matchAll(HYPHENATED)) {
    const parts = normalise(`${a} ${b}`);
    if (/^\S+ \S+$/.test(parts)) count(parts.replace(' ', ''), parts);
  }
  return [...counts.values()];
}
