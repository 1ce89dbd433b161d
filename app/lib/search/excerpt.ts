/** A search hit's excerpt: the text around its first match, the matched words marked, and the spellings that matched. */
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
 * `exact`: the words searched for (normal form); `prefixes`: unfinished last words; `variants`: the close
 * spellings they were widened to.
 */
export function excerptOf(text: string, match: { exact: ReadonlySet<string>; prefixes: readonly string[]; variants: ReadonlySet<string> }, radius = 110): Excerpt {
  const hits = wordsOf(text).filter((w) => match.exact.has(w.word) || match.variants.has(w.word) || match.prefixes.some((p) => w.word.startsWith(p)));
  const spellings = [...new Set(hits.filter((h) => match.variants.has(h.word)).map((h) => text.slice(h.start, h.end)))];
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
  return { segments: segments.map((s) => ({ ...s, text: s.text.replace(/\s+/g, ' ') })), spellings, matched: [...new Set(hits.map((h) => h.word))] };
}
