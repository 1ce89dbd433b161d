/** A search hit's excerpt: the text around its first match, the matched words marked, and the spellings that matched. */
import { findSpellings } from '~/lib/people/spellings';
import { wordsOf } from './normalise';

export interface Segment {
  text: string;
  mark: boolean;
}

export interface Excerpt {
  segments: Segment[];
  /** The other spellings (as written in the text) that matched: "Halenkov" for a search of "Malenkov". */
  spellings: string[];
  /** Every word of the text that matched, in normal form (the reader marks them: `?mark=`). */
  matched: string[];
}

/**
 * `exact`: the words searched for (normal form); `prefixes`: unfinished last words; `variants`: the other
 * spellings they were widened to (one of several words is matched as a phrase).
 */
export function excerptOf(text: string, match: { exact: ReadonlySet<string>; prefixes: readonly string[]; variants: ReadonlySet<string> }, radius = 110): Excerpt {
  const phrases = [...match.variants].filter((v) => v.includes(' '));
  const words = wordsOf(text)
    .filter((w) => match.exact.has(w.word) || match.variants.has(w.word) || match.prefixes.some((p) => w.word.startsWith(p)))
    .map((w) => ({ ...w, variant: match.variants.has(w.word) }));
  const inPhrases = findSpellings(text, phrases).map((p) => ({ word: p.norm, start: p.start, end: p.end, variant: true }));
  // In text order; a word inside a phrase that matched is part of that phrase's mark.
  const hits = [...inPhrases, ...words.filter((w) => !inPhrases.some((p) => w.start >= p.start && w.end <= p.end))].sort((a, b) => a.start - b.start);
  const spellings = [...new Set(hits.filter((h) => h.variant).map((h) => text.slice(h.start, h.end)))];
  const first = hits[0];
  let from = first ? Math.max(0, first.start - radius) : 0;
  let to = Math.min(text.length, (first?.end ?? 0) + radius * 2);
  // Whole words at the edges.
  if (from > 0) from = text.indexOf(' ', from) + 1 || from;
  if (to < text.length) to = text.lastIndexOf(' ', to) > from ? text.lastIndexOf(' ', to) : to;
  const segments: Segment[] = [];
  let at = from;
  for (const h of hits) {
    if (h.start < from || h.end > to) continue;
    if (h.start > at) segments.push({ text: text.slice(at, h.start), mark: false });
    segments.push({ text: text.slice(h.start, h.end), mark: true });
    at = h.end;
  }
  if (at < to) segments.push({ text: text.slice(at, to), mark: false });
  if (from > 0) segments.unshift({ text: '…', mark: false });
  if (to < text.length) segments.push({ text: '…', mark: false });
  return { segments: segments.map((s) => ({ ...s, text: s.text.replace(/\s+/g, ' ') })), spellings, matched: [...new Set(hits.flatMap((h) => h.word.split(' ')))] };
}
