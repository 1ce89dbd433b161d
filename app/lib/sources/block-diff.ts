/**
 * What a new version of a source changes, paragraph by paragraph: blocks kept, removed, added, and
 * edited (a removed block directly replaced by an added one), with a word diff of each edit. The
 * instructor reads it before publishing; it also says where each old ¶ went.
 */
import { diffArrays, diffWordsWithSpace } from 'diff';

export interface DiffBlock {
  number: number;
  text: string;
}

export type WordPart = { op: 'same' | 'del' | 'ins'; text: string };

export type BlockChange =
  | { kind: 'removed'; old: DiffBlock }
  | { kind: 'added'; new: DiffBlock }
  | { kind: 'edited'; old: DiffBlock; new: DiffBlock; words: WordPart[] | null };

export interface BlockDiff {
  kept: number;
  /** In text order; null when the versions differ in too many places to list (the counts still hold). */
  changes: BlockChange[] | null;
  removed: number;
  added: number;
  edited: number;
  /** Where each old ¶ that survives (kept or edited) is now: old number → new number. */
  renumbered: Map<number, number>;
}

/**
 * Myers's diff costs (blocks × edits): beyond this many edits it gives up, so that a wholly different
 * text costs milliseconds, not seconds, of the one event loop. Such a text is better read as a new source.
 */
export const MAX_BLOCK_EDITS = 400;
const MAX_WORD_EDITS = 200;

const normal = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A word-by-word diff of two texts (null when they differ too much to be worth reading as one). */
export function wordDiff(before: string, after: string): WordPart[] | null {
  const words = diffWordsWithSpace(before, after, { maxEditLength: MAX_WORD_EDITS });
  return words ? words.map((w) => ({ op: w.added ? 'ins' : w.removed ? 'del' : 'same', text: w.value })) : null;
}

export function diffBlocks(before: readonly DiffBlock[], after: readonly DiffBlock[]): BlockDiff {
  const runs = diffArrays(before.map((b) => normal(b.text)), after.map((b) => normal(b.text)), { maxEditLength: MAX_BLOCK_EDITS });
  if (!runs) return { kept: 0, changes: null, removed: before.length, added: after.length, edited: 0, renumbered: new Map() };
  const changes: BlockChange[] = [];
  const renumbered = new Map<number, number>();
  let i = 0; // in `before`
  let j = 0; // in `after`
  let kept = 0;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    if (!run.added && !run.removed) {
      for (let k = 0; k < run.count; k++) renumbered.set(before[i + k]!.number, after[j + k]!.number);
      kept += run.count;
      i += run.count;
      j += run.count;
      continue;
    }
    // A removal followed by an addition: paired in order as edits, the rest removed or added.
    const removed = run.removed ? run.count : 0;
    const next = run.removed ? runs[r + 1] : undefined;
    const added = run.added ? run.count : next?.added ? next.count : 0;
    if (next?.added) r++;
    for (let k = 0; k < Math.max(removed, added); k++) {
      const old = k < removed ? before[i + k]! : null;
      const now = k < added ? after[j + k]! : null;
      if (old && now) {
        renumbered.set(old.number, now.number);
        changes.push({ kind: 'edited', old, new: now, words: wordDiff(old.text, now.text) });
      } else if (old) changes.push({ kind: 'removed', old });
      else if (now) changes.push({ kind: 'added', new: now });
    }
    i += removed;
    j += added;
  }
  const count = (kind: BlockChange['kind']) => changes.filter((c) => c.kind === kind).length;
  return { kept, changes, removed: count('removed'), added: count('added'), edited: count('edited'), renumbered };
}
