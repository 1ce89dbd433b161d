import { describe, expect, it } from 'vitest';
import { diffBlocks, type DiffBlock } from '~/lib/sources/block-diff';

const blocks = (...texts: string[]): DiffBlock[] => texts.map((text, i) => ({ number: i + 1, text }));

describe('diffBlocks', () => {
  it('tells kept, edited, removed and added paragraphs apart, and where each surviving ¶ went', () => {
    const before = blocks('Title', 'Malenkov spoke.', 'Halenkov replied at length.', 'A stamp', 'The end.');
    const after = blocks('Preface', 'Title', 'Malenkov spoke.', 'Malenkov replied at length.', 'The end.');
    const diff = diffBlocks(before, after);
    expect(diff).toMatchObject({ kept: 3, edited: 1, removed: 1, added: 1 });
    expect(diff.changes!.map((c) => c.kind)).toEqual(['added', 'edited', 'removed']);
    const edit = diff.changes![1]!;
    expect(edit).toMatchObject({ kind: 'edited', old: { number: 3 }, new: { number: 4 } });
    expect(edit.kind === 'edited' && edit.words!.filter((w) => w.op !== 'same').map((w) => `${w.op}:${w.text}`)).toEqual(['del:Halenkov', 'ins:Malenkov']);
    expect([...diff.renumbered]).toEqual([
      [1, 2],
      [2, 3],
      [3, 4],
      [5, 5],
    ]);
  });

  it('ignores spacing inside a paragraph (a re-wrapped line is not an edit)', () => {
    const diff = diffBlocks(blocks('The first copy and the\nattachment were received'), blocks('The first copy and the attachment  were received'));
    expect(diff).toMatchObject({ kept: 1, edited: 0, changes: [] });
  });

  it('gives up listing a wholly different text quickly, keeping the counts', () => {
    const before = Array.from({ length: 5000 }, (_, i) => ({ number: i + 1, text: `Old paragraph ${i}` }));
    const after = Array.from({ length: 5000 }, (_, i) => ({ number: i + 1, text: `New paragraph ${i}` }));
    const diff = diffBlocks(before, after);
    expect(diff.changes).toBeNull();
    expect(diff).toMatchObject({ removed: 5000, added: 5000 });
  });
});
