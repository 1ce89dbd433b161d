import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isClassificationStamp, splitBlocks, type Block } from '~/lib/split-blocks';

const source = (file: string) => readFileSync(`db/seed/sources/${file}`, 'utf8');
const textOf = (text: string, b: Block) => text.slice(b.start, b.end);
const FILES = [
  'cia-khrushchev-purge-1957-07-23.txt',
  'cia-caesar-xv-anti-party-group-1962.txt',
  'mikoyan-cable-1956-09-22.txt',
  'article-mikoyan-papers-august-plenum.txt',
  'article-north-korea-1956-reconsidering.txt',
];

describe('splitBlocks on the seed sources', () => {
  it.each(FILES)('%s: blocks are ordered, disjoint ranges covering every non-blank character', (file) => {
    const text = source(file);
    const blocks = splitBlocks(text);
    expect(blocks.map((b) => b.number)).toEqual(blocks.map((_, i) => i + 1));
    let covered = 0;
    let previousEnd = 0;
    for (const b of blocks) {
      expect(b.start).toBeGreaterThanOrEqual(previousEnd);
      expect(b.end).toBeGreaterThan(b.start);
      expect(text.slice(previousEnd, b.start).trim()).toBe(''); // only whitespace between blocks
      expect(textOf(text, b)).toBe(textOf(text, b).trim());
      covered += b.end - b.start;
      previousEnd = b.end;
    }
    expect(text.slice(previousEnd).trim()).toBe('');
    expect(covered).toBeGreaterThan(text.replace(/\s+/g, '').length);
  });

  it('finds every classification stamp and page number in the 1957 memo as page furniture', () => {
    const text = source('cia-khrushchev-purge-1957-07-23.txt');
    const furniture = splitBlocks(text).filter((b) => b.kind === 'furniture').map((b) => textOf(text, b));
    for (const stamp of ['S-E-C-R-E-T', 'S-B-G-R-FFF', 'J-E-C-R-E-F', 'B-B-G-R-B-T', 'G-B-C-R-L-T', '3-B-C-R-B-T', 'J-E+C+R+B+T-', 'SECRIPT', 'S. T. C. D. D. T.', '8-8-8-B-T']) {
      expect(furniture).toContain(stamp);
    }
    for (const page of ['- 3 -', '- 5 -', '- 9', '- 10 -', '- 12 -']) expect(furniture).toContain(page);
    // and no real paragraph is mistaken for furniture
    expect(furniture.every((f) => f.length < 30)).toBe(true);
  });

  it('marks the publisher furniture at the top of the journal article, then its title and sections', () => {
    const text = source('article-north-korea-1956-reconsidering.txt');
    const blocks = splitBlocks(text);
    expect(blocks.slice(0, 7).map((b) => [b.kind, textOf(text, b)])).toEqual([
      ['furniture', '1,065'],
      ['furniture', 'Views'],
      ['furniture', '3'],
      ['furniture', 'CrossRef citations to date'],
      ['furniture', '0'],
      ['furniture', 'Altmetric'],
      ['furniture', 'Original Articles'],
    ]);
    expect(blocks[7]!.kind).toBe('heading');
    expect(textOf(text, blocks[7]!)).toMatch(/^North Korea in 1956/);
    const headings = blocks.filter((b) => b.kind === 'heading').map((b) => textOf(text, b));
    expect(headings).toEqual(expect.arrayContaining(['ABSTRACT', 'Acknowledgement', 'Notes']));
  });

  it('makes each of the 97 numbered endnotes a block of its own', () => {
    const text = source('article-north-korea-1956-reconsidering.txt');
    const notes = splitBlocks(text).filter((b) => b.kind === 'note').map((b) => textOf(text, b));
    expect(notes).toHaveLength(97);
    expect(notes.map((n) => Number(/^(\d+)/.exec(n)![1]))).toEqual(Array.from({ length: 97 }, (_, i) => i + 1));
  });

  it('gives the essay without blank lines one block per line, with its section headings', () => {
    const text = source('article-mikoyan-papers-august-plenum.txt');
    const blocks = splitBlocks(text);
    expect(blocks).toHaveLength(text.trimEnd().split('\n').length);
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => textOf(text, b))).toEqual([
      'A new tranche of Soviet documents on the attempted removal of North Korea’s founding leader',
      'Kim Il Sung’s Consolidation of Power',
      'Khrushchev’s Secret Speech',
      'North Korea’s August 1956 Plenum',
      'The Sino-Soviet Joint Intervention',
      'Kim Il Sung’s Defiance',
    ]);
  });
});

describe('splitBlocks on uploaded Markdown', () => {
  it('joins hard-wrapped lines into one paragraph and keeps offsets exact, with CRLF too', () => {
    const text = '# Title\r\n\r\nFirst line of a paragraph\r\nwrapped onto a second.\r\n\r\n## Section\r\nBody.\r\n';
    const blocks = splitBlocks(text);
    expect(blocks.map((b) => [b.kind, textOf(text, b)])).toEqual([
      ['heading', '# Title'],
      ['paragraph', 'First line of a paragraph\r\nwrapped onto a second.'],
      ['heading', '## Section'],
      ['paragraph', 'Body.'],
    ]);
  });

  it('handles empty and whitespace-only text', () => {
    expect(splitBlocks('')).toEqual([]);
    expect(splitBlocks(' \n\n \n')).toEqual([]);
  });
});

describe('isClassificationStamp', () => {
  it.each(['S-E-C-R-E-T', 'SECRET', 'Secret', 'TOP SECRET', 'SECRIPT', '€-13-0-13-E-1', '- 7 -D-E-C-R-E-T'])('%s is a stamp', (line) => {
    expect(isClassificationStamp(line)).toBe(true);
  });
  it.each(['Decline of Kaganovich', 'SECRETARIAT MEETING', 'A-B testing was common.', 'Nam Il'])('%s is not', (line) => {
    expect(isClassificationStamp(line)).toBe(false);
  });
});
