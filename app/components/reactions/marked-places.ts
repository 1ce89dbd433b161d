/** Where the reader's reactions are: the paragraph a selection marks, and each marked thing's place for the margin's list. */
import { blockAtOffset } from '~/lib/compare/link-anchors';
import { excerpt } from '~/lib/board/links';
import type { ReactionTarget } from '~/lib/notes/reactions';
import type { NoteView } from '~/lib/notes/views';
import type { SourceBlock } from '~/lib/source-html';

/** The paragraph a selection starts in, to mark (of this version). */
export function selectedParagraph(blocks: readonly SourceBlock[], version: number, passage: { start: number }) {
  const block = blockAtOffset(blocks, passage.start);
  return block ? { version, number: block.number } : undefined;
}

/** A marked paragraph's or note's label and place; null if it is not on this version, or not shown to this reader. */
export function describeMarked(
  source: { version: number; blocks: readonly SourceBlock[]; text: string },
  views: readonly NoteView[],
  target: ReactionTarget,
  reader: { scope: string; focus(key: string): void },
) {
  if (target.type === 'paragraph') {
    const block = target.version === source.version ? source.blocks.find((b) => b.number === target.number) : undefined;
    return block ? { label: `¶ ${block.number}: “${excerpt(source.text.slice(block.start, block.end), 50)}”`, at: block.start, href: `#${reader.scope}b${block.number}` } : null;
  }
  const view = views.find((v) => v.key === target.key && v.visibility === 'class' && !v.note.deleted && !v.flag?.hidden);
  return view ? { label: `${view.authorName}’s note: “${excerpt(view.note.body, 50)}”`, at: view.anchor?.start ?? -1, onOpen: () => reader.focus(view.key) } : null;
}
