import { describe, expect, it } from 'vitest';
import type { NoteForFirstPaint } from '../../db/queries/notes';
import { previewViews, type FirstPaint } from '~/lib/notes/first-paint';
import { buildFirstPaint } from '~/lib/notes/first-paint.server';

const TEXT = 'Today, 22 September, a meeting was held.\n\nCde. Kim Il Sung passed us the draft.\n';
const ANA = '00000000-0000-4000-8000-00000000000a';
const row = (id: string, extra: Partial<NoteForFirstPaint> = {}): NoteForFirstPaint => ({
  authorId: ANA, id, visibility: 'class', documentVersion: 2, passage: { start: 7, end: 19, quote: '22 September' },
  body: `Body of ${id}`, tags: ['cable'], createdAt: new Date(1_000), updatedAt: new Date(2_000),
  hidden: false, hiddenReason: null, deleted: false, replies: 0, ...extra,
});
const build = (rows: NoteForFirstPaint[], isInstructor = false, near = 0) =>
  JSON.parse(buildFirstPaint(rows, { text: TEXT, documentVersion: 2, isInstructor, near })) as FirstPaint;

describe('the reader’s first paint', () => {
  it('paints passages still where they were written, and page notes; others wait for the room', () => {
    const paint = build([
      row('here'),
      row('older', { documentVersion: 1 }),
      row('moved', { passage: { start: 0, end: 5, quote: 'Hello' } }),
      row('page', { passage: null }),
    ]);
    expect(paint.notes.map((n) => [n[1], n[3], n[4]])).toEqual([['here', 7, 19], ['page', -1, -1]]);
  });

  it('gives students no text, tags or reason of a hidden note, and instructors all of it', () => {
    const hidden = row('h', { hidden: true, hiddenReason: 'Off topic', body: 'secret words', tags: ['secret'] });
    expect(build([hidden])).toMatchObject({ notes: [[0, 'h', 'c', 7, 19, 1000, 0, ['', [], 2000, false, true, '']]] });
    expect(build([hidden], true)).toMatchObject({ notes: [[0, 'h', 'c', 7, 19, 1000, 0, ['secret words', ['secret'], 2000, false, true, 'Off topic']]] });
  });

  it('sends full cards for the notes nearest where the reader opens, and counts for the rest', () => {
    const text = 'x'.repeat(1000);
    const rows = Array.from({ length: 150 }, (_, i) => row(`n${i}`, { passage: { start: i * 6, end: i * 6 + 3, quote: 'xxx' } }));
    const paint = JSON.parse(buildFirstPaint(rows, { text, documentVersion: 2, isInstructor: false, near: 600 })) as FirstPaint;
    const withCards = paint.notes.filter((n) => n[7] !== null).map((n) => n[3]);
    expect(withCards).toHaveLength(100);
    expect(Math.max(...withCards.map((start) => Math.abs(start - 600)))).toBeLessThanOrEqual(300);
  });

  it('becomes margin views that are read-only previews until their room arrives', () => {
    const views = previewViews(buildFirstPaint([row('n1', { replies: 2 }), row('p1', { visibility: 'private' })], { text: TEXT, documentVersion: 2, isInstructor: false, near: 0 }), { [ANA]: 'Ana' }, 2);
    expect(views.get('class')).toMatchObject([{ key: `${ANA}:n1`, authorName: 'Ana', anchor: { start: 7, end: 19, status: 'exact' }, preview: { replies: 2, loaded: true }, note: { body: 'Body of n1' } }]);
    expect(views.get('private')!.map((v) => v.key)).toEqual([`${ANA}:p1`]);
  });
});
