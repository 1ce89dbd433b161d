/**
 * Finds where a passage is in a (possibly corrected) version of a text: its old position if the quote
 * is still there, else the exact quote nearest the old position, else a fuzzy match scored on quote,
 * context and position, else nothing — an orphan, which the margin shows, never drops. A match found
 * elsewhere whose context agrees on neither side (the words recur, the passage was removed) is only a
 * candidate: `review`, shown to be confirmed, never placed silently.
 */
import search from 'approx-string-match';
import type { PassageSelectors } from './selectors';

export type AnchorStatus = 'exact' | 'moved' | 'fuzzy' | 'review' | 'orphan';

export interface Anchor {
  start: number;
  end: number;
  status: AnchorStatus;
}

/** Whether the passage is placed in the text (painted, citable): not an orphan, and not a candidate awaiting review. */
export const isPlaced = (anchor: Anchor | null | undefined): anchor is Anchor => anchor != null && anchor.status !== 'orphan' && anchor.status !== 'review';

/** How many errors a fuzzy match may have, as a share of the quote's length. */
const MAX_ERROR_RATE = 0.25;

/**
 * Whether the text beside a match still reads like the passage's own context on at least one side: all of
 * it (32 characters), give or take a quarter of them for corrections beside the quote. (Its nearest dozen
 * characters agreed by chance too often: "the virgin " before another "lands program".) A side with no
 * context (the passage began or ended the text) agrees only if the match is there too.
 */
function contextAgrees(text: string, start: number, end: number, selectors: PassageSelectors): boolean {
  const { prefix, suffix } = selectors.quote;
  const near = (context: string, window: string, atEnd: boolean) => {
    if (context === '') return window === '';
    const errors = Math.floor(context.length / 4);
    // (The context may sit a few characters further out than it did, if a correction was beside the quote.)
    return search(window, context, errors).some((m) => (atEnd ? window.length - m.end : m.start) <= errors);
  };
  return (
    near(prefix, text.slice(Math.max(0, start - Math.ceil(prefix.length * 1.25)), start), true) ||
    near(suffix, text.slice(end, end + Math.ceil(suffix.length * 1.25)), false)
  );
}

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
  if (best) return { start: best.start, end: best.start + exact.length, status: contextAgrees(text, best.start, best.start + exact.length, selectors) ? 'moved' : 'review' };

  const maxErrors = Math.floor(exact.length * MAX_ERROR_RATE);
  if (maxErrors === 0) return { start: 0, end: 0, status: 'orphan' };
  const matches = search(text, exact, maxErrors);
  let fuzzy: { start: number; end: number; score: number } | null = null;
  for (const match of matches) {
    const quality = 1 - match.errors / exact.length;
    const score = quality * 2 + contextScore(text, match.start, match.end, selectors) - Math.abs(match.start - start) / Math.max(text.length, 1);
    if (!fuzzy || score > fuzzy.score) fuzzy = { start: match.start, end: match.end, score };
  }
  if (fuzzy) return { start: fuzzy.start, end: fuzzy.end, status: contextAgrees(text, fuzzy.start, fuzzy.end, selectors) ? 'fuzzy' : 'review' };
  return { start: 0, end: 0, status: 'orphan' };
}
