import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitBlocks } from '~/lib/split-blocks';
import fixture from '../fixtures/segmentation.json';

type Expected = { starts: string; kind: string; ends?: string };

// Measured against the fixture: every sampled block of the five demo sources, by its type and (for a
// paragraph joined across lines) its end.
describe('segmentation of the five demo sources', () => {
  it.each(Object.entries(fixture.sources as Record<string, Expected[]>))('%s: the sampled blocks have their expected types', (file, expected) => {
    const text = readFileSync(`db/seed/sources/${file}`, 'utf8');
    const blocks = splitBlocks(text).map((b) => ({ kind: b.kind, text: text.slice(b.start, b.end) }));
    const found = expected.map((e) => {
      const block = blocks.find((b) => b.text.startsWith(e.starts));
      return { starts: e.starts, kind: block?.kind ?? 'no such block', ...(e.ends ? { ends: block && block.text.endsWith(e.ends) ? e.ends : `${block?.text.slice(-40)}` } : {}) };
    });
    expect(found).toEqual(expected);
  });

  it('leaves a paragraph that ends its sentence alone across a blank line, and joins one broken off mid-sentence', () => {
    const text = 'The plenum met.\n\nthe next day it voted.\n\nKim spoke to the\n\nCentral Committee at length.\n';
    expect(splitBlocks(text).map((b) => text.slice(b.start, b.end))).toEqual(['The plenum met.', 'the next day it voted.', 'Kim spoke to the\n\nCentral Committee at length.']);
  });

  it('keeps a bracketed remark that runs over a few lines in one block, but not one left open', () => {
    const open = '[stamp:\n\nReceived\n\n3 October]\n\nText of the cable follows here.\n';
    expect(splitBlocks(open).map((b) => open.slice(b.start, b.end))).toEqual(['[stamp:\n\nReceived\n\n3 October]', 'Text of the cable follows here.']);
    const unclosed = 'Signed [handwritten: V. Chistov\n\nThe first copy was received.\n';
    expect(splitBlocks(unclosed)).toHaveLength(2);
  });
});
