/**
 * Accepted corrections applied to a source's newest text: each passage found where it is now (as the
 * reader finds a note's: reanchor.ts, but only a match whose words are exactly there, never an
 * approximate one), then replaced. Two corrections of overlapping passages cannot both be applied.
 */
import { anchorOf } from '~/lib/anchoring/reanchor';
import type { PassageSelectors } from '~/lib/anchoring/selectors';

export interface AcceptedCorrection {
  id: string;
  version: number;
  selectors: PassageSelectors;
  /** What the passage is to say. */
  text: string;
}

export type Applied = { ok: true; text: string } | { ok: false; problems: Record<string, string> };

export function applyCorrections(text: string, version: number, corrections: readonly AcceptedCorrection[]): Applied {
  const problems: Record<string, string> = {};
  const placed: { id: string; start: number; end: number; text: string }[] = [];
  for (const c of corrections) {
    const { position, quote } = c.selectors;
    const anchor = anchorOf(text, version, { documentVersion: c.version, start: position.start, end: position.end, quote: quote.exact }, c.selectors);
    if (!anchor || (anchor.status !== 'exact' && anchor.status !== 'moved')) problems[c.id] = 'Its passage is no longer in the newest text (it was changed meanwhile).';
    else placed.push({ id: c.id, start: anchor.start, end: anchor.end, text: c.text });
  }
  placed.sort((a, b) => a.start - b.start);
  for (let i = 1; i < placed.length; i++) {
    if (placed[i]!.start < placed[i - 1]!.end) problems[placed[i]!.id] = 'Its passage overlaps another correction accepted with it: accept them one at a time.';
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  let result = '';
  let at = 0;
  for (const p of placed) {
    result += text.slice(at, p.start) + p.text;
    at = p.end;
  }
  return { ok: true, text: result + text.slice(at) };
}
