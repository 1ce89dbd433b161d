import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reanchor } from '~/lib/anchoring/reanchor';
import { describePassage } from '~/lib/anchoring/selectors';

const caesar = readFileSync('db/seed/sources/cia-caesar-xv-anti-party-group-1962.txt', 'utf8');
const quoteOf = (text: string, phrase: string) => {
  const start = text.indexOf(phrase);
  expect(start).toBeGreaterThan(-1);
  return describePassage(text, start, start + phrase.length);
};

describe('describePassage', () => {
  it('keeps the quote and 32 characters of context each side', () => {
    const s = describePassage('0123456789', 3, 6);
    expect(s.quote).toEqual({ type: 'TextQuoteSelector', exact: '345', prefix: '012', suffix: '6789' });
    expect(s.position).toEqual({ type: 'TextPositionSelector', start: 3, end: 6 });
  });
});

describe('reanchor on a corrected version of CAESAR XV', () => {
  it('keeps a note whose text did not change (exact)', () => {
    const selectors = quoteOf(caesar, 'Malenkov, Molotov, and Kaganovich');
    expect(reanchor(caesar, selectors)).toMatchObject({ status: 'exact', start: selectors.position.start });
  });

  it('follows a quote that moved when text before it was corrected (moved)', () => {
    const selectors = quoteOf(caesar, 'Malenkov, Molotov, and Kaganovich');
    const corrected = caesar.replace('Thisorkingeconstruction of tho challenge', 'This is a working reconstruction of the challenge');
    const anchor = reanchor(corrected, selectors);
    expect(anchor.status).toBe('moved');
    expect(corrected.slice(anchor.start, anchor.end)).toBe('Malenkov, Molotov, and Kaganovich');
  });

  it('finds a quote whose own OCR errors were corrected (fuzzy)', () => {
    const ocr = 'The attempted coup against Khrushchov In7 had its antecedents In the struggle for power';
    expect(caesar).toContain(ocr);
    const selectors = quoteOf(caesar, ocr);
    const corrected = caesar.replace(ocr, 'The attempted coup against Khrushchev in 1957 had its antecedents in the struggle for power');
    const anchor = reanchor(corrected, selectors);
    expect(anchor.status).toBe('fuzzy');
    expect(corrected.slice(anchor.start, anchor.end)).toContain('attempted coup against Khrushchev in 1957');
  });

  it('gives up on a passage that was removed (orphan), instead of pointing somewhere wrong', () => {
    const gone = 'Official sources have boon supplorentod by the many ruir.ors';
    const selectors = quoteOf(caesar, gone);
    const corrected = caesar.replace(/Official sources have boon supplorentod[^\n]*\n/, '\n');
    expect(reanchor(corrected, selectors)).toMatchObject({ status: 'orphan' });
  });

  it('picks the occurrence with the right context when the quote appears more than once', () => {
    const text = 'Molotov spoke. Then the plenum met. Molotov spoke again, at length.';
    const selectors = describePassage(text, text.lastIndexOf('Molotov'), text.lastIndexOf('Molotov') + 7);
    const edited = 'Before all that, Molotov spoke. Then the plenum met. Molotov spoke again, at length.';
    const anchor = reanchor(edited, selectors);
    expect(anchor.start).toBe(edited.lastIndexOf('Molotov'));
  });
});

describe('reanchor when paragraphs are removed', () => {
  // CAESAR XV with three paragraphs removed, and notes on short phrases (one to three words, the kind a
  // student highlights) throughout them and throughout the paragraphs that stay.
  const paragraphs = caesar.split('\n\n');
  const removed = new Set([30, 55, 80]);
  const corrected = paragraphs.filter((_, i) => !removed.has(i)).join('\n\n');
  const notesIn = (i: number) => {
    const at = paragraphs.slice(0, i).join('\n\n').length + (i > 0 ? 2 : 0);
    const notes = [];
    for (const m of paragraphs[i]!.matchAll(/\S+(?:\s+\S+){0,2}/g)) {
      const start = at + m.index;
      notes.push(describePassage(caesar, start, start + m[0].length));
    }
    return notes;
  };

  it('never places a note from a removed paragraph where its words merely recur: it is an orphan, or marked for review', () => {
    const statuses = [...removed].flatMap(notesIn).map((s) => reanchor(corrected, s).status);
    expect(statuses.length).toBeGreaterThan(50);
    const placed = statuses.filter((s) => s === 'exact' || s === 'moved' || s === 'fuzzy');
    expect(placed).toEqual([]);
    // (Most recur somewhere: that is what made the old rule place them.)
    expect(statuses.filter((s) => s === 'review').length).toBeGreaterThan(0);
  });

  it('still places every note in the paragraphs that stay, none marked for review', () => {
    const kept = [10, 29, 31, 54, 56, 79, 81, 100].flatMap(notesIn);
    const statuses = kept.map((s) => reanchor(corrected, s));
    expect(statuses.filter((a) => a.status !== 'moved' && a.status !== 'exact')).toEqual([]);
    for (const [i, a] of statuses.entries()) expect(corrected.slice(a.start, a.end)).toBe(kept[i]!.quote.exact);
  });
});
