/**
 * Finds where a passage is in a (possibly corrected) version of a text: its old position if the quote
 * is still there, else the exact quote nearest the old position, else a fuzzy match scored on quote,
 * context and position, else nothing — an orphan, which the margin shows, never drops.
 */
import search from 'approx-string-match';
import type { PassageSelectors } from './selectors';

export type AnchorStatus = 'exact' | 'moved' | 'fuzzy' | 'orphan';

export interface Anchor {
  start: number;
  end: number;
  status: AnchorStatus;
}

/** How many errors a fuzzy match may have, as a share of the quote's length. */
const MAX_ERROR_RATE = 0.25;

function contextScore(text: string, start: number, end: number, selectors: PassageSelectors): number {
  const { prefix, suffix } = selectors.quote;
  const before = text.slice(Math.max(0, start - prefix.length), start);
  const after = text.slice(end, end + suffix.length);
  const similarity = (a: string, b: string) => {
    if (!a && !b) return 1;
    let same = 0;
    // Compare from the quote outwards: the context nearest the quote matters most.
    for (let i = 1; i <= Math.min(a.length, b.length); i++) if (a[a.length - i] === b[b.length - i]) same++;
    return same / Math.max(a.length, b.length, 1);
  };
  const similarityAfter = (a: string, b: string) => {
    let same = 0;
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] === b[i]) same++;
    return same / Math.max(a.length, b.length, 1);
  };
  return (similarity(before, prefix) + similarityAfter(after, suffix)) / 2;
}

/**
 * Where a passage written on version `written.documentVersion` is in version `version` of the text:
 * exactly where it was written (the same version, and the same words there); else, given its
 * selectors, wherever `reanchor` finds it; else null (not exactly anchored, and not looked for).
 * The one place that decides whether a note is still exactly anchored: the reader, its first paint.
 */
export function anchorOf(
  text: string,
  version: number,
  written: { documentVersion: number; start: number; end: number; quote: string },
  selectors?: PassageSelectors,
): Anchor | null {
  if (written.documentVersion === version && text.slice(written.start, written.end) === written.quote) return { start: written.start, end: written.end, status: 'exact' };
  return selectors ? reanchor(text, selectors) : null;
}

export function reanchor(text: string, selectors: PassageSelectors): Anchor {
  const { start, end } = selectors.position;
  const { exact } = selectors.quote;
  if (exact.length === 0) return { start: 0, end: 0, status: 'orphan' };
  if (text.slice(start, end) === exact) return { start, end, status: 'exact' };

  // The exact quote elsewhere: prefer good context, then nearness to the old position.
  let best: { start: number; score: number } | null = null;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    const score = contextScore(text, at, at + exact.length, selectors) - Math.abs(at - start) / Math.max(text.length, 1);
    if (!best || score > best.score) best = { start: at, score };
  }
  if (best) return { start: best.start, end: best.start + exact.length, status: 'moved' };

  const maxErrors = Math.floor(exact.length * MAX_ERROR_RATE);
  if (maxErrors === 0) return { start: 0, end: 0, status: 'orphan' };
  const matches = search(text, exact, maxErrors);
  let fuzzy: { start: number; end: number; score: number } | null = null;
  for (const match of matches) {
    const quality = 1 - match.errors / exact.length;
    const score = quality * 2 + contextScore(text, match.start, match.end, selectors) - Math.abs(match.start - start) / Math.max(text.length, 1);
    if (!fuzzy || score > fuzzy.score) fuzzy = { start: match.start, end: match.end, score };
  }
  if (fuzzy) return { start: fuzzy.start, end: fuzzy.end, status: 'fuzzy' };
  return { start: 0, end: 0, status: 'orphan' };
}
