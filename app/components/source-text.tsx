import { memo, type ReactNode } from 'react';
import type { BlockKind } from '../lib/split-blocks';

interface Block {
  number: number;
  kind: BlockKind;
  start: number;
  end: number;
  /** A passage the assignment being worked on points to. */
  focus?: boolean;
  /** Instructors' heat view: how many of the class's notes fall on this block (0–5 shade, and the count). */
  heat?: { level: number; notes: number };
}

/** Another reader's current selection, shown faintly in their colour. */
export interface PresenceMark {
  start: number;
  end: number;
  name: string;
  color: string;
}

/**
 * `text[from, to)` with other readers' selections wrapped in spans. (Notes' highlights are not in the
 * DOM: lib/notes/highlights.ts paints them over the text.)
 */
function withPresence(text: string, from: number, to: number, presence: PresenceMark[]): ReactNode[] {
  const here = presence.filter((p) => p.start < to && p.end > from);
  if (here.length === 0) return [text.slice(from, to)];
  const cuts = new Set([from, to]);
  for (const p of here) {
    if (p.start > from) cuts.add(p.start);
    if (p.end < to) cuts.add(p.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: ReactNode[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i]!, points[i + 1]!];
    const watching = here.find((p) => p.start <= a && p.end >= b);
    out.push(
      watching ? (
        <span key={a} className="presence-selection" style={{ '--presence': watching.color } as React.CSSProperties} title={`${watching.name} is reading this`}>
          {text.slice(a, b)}
        </span>
      ) : (
        text.slice(a, b)
      ),
    );
  }
  return out;
}

interface BlockProps {
  text: string;
  block: Block;
  presence: PresenceMark[];
}

/** What a block shows, as a string: a block re-renders only when it changes. */
function signature(p: BlockProps): string {
  return [
    p.block.start,
    p.block.focus ? 'focus' : '',
    p.block.heat ? `heat${p.block.heat.notes}` : '',
    p.presence.map((x) => `${x.name}@${x.start}-${x.end}:${x.color}`).join(','),
  ].join('|');
}

const BlockView = memo(function BlockView({ text, block, presence }: BlockProps) {
  const id = `b${block.number}`;
  // Outside .block-text: only the source's own characters may be inside it (selection offsets).
  const number = (
    <a
      href={`#${id}`}
      className="block-number"
      aria-label={`Paragraph ${block.number}${block.focus ? ', a focus passage of the assignment' : ''}${block.heat ? `, ${block.heat.notes} note${block.heat.notes === 1 ? '' : 's'}` : ''}, link`}
      title={block.heat ? `${block.heat.notes} note${block.heat.notes === 1 ? '' : 's'} here` : undefined}
    >
      ¶&nbsp;{block.number}
    </a>
  );
  const props = { id, 'data-start': block.start, 'data-end': block.end, 'data-focus': block.focus || undefined, 'data-heat': block.heat?.level };
  // A Markdown heading keeps its "## " (offsets count it) but shows it faintly.
  const marker = block.kind === 'heading' ? (/^#{1,6}\s+/.exec(text.slice(block.start, block.end))?.[0] ?? '') : '';
  const content = (
    <span className="block-text">
      {marker ? <span className="md-marker">{marker}</span> : null}
      {withPresence(text, block.start + marker.length, block.end, presence)}
    </span>
  );
  switch (block.kind) {
    case 'heading':
      return (
        <h2 {...props} className="block heading">
          {number}
          {content}
        </h2>
      );
    case 'furniture':
      return (
        <div {...props} className="block furniture" title="Page furniture: stamps, page numbers, publisher text">
          {number}
          <span className="furniture-label">page furniture</span>
          {content}
        </div>
      );
    default:
      return (
        <p {...props} className={`block ${block.kind}`}>
          {number}
          {content}
        </p>
      );
  }
}, (a, b) => a.text === b.text && signature(a) === signature(b));

/**
 * A source's text as numbered blocks. Each block is a slice of the canonical text, so a block's
 * characters are exactly the stored ones and annotation offsets map straight onto them.
 */
export function SourceText({ text, blocks, presence = [] }: { text: string; blocks: Block[]; presence?: PresenceMark[] }) {
  return (
    <article className="source-text">
      {blocks.map((block) => (
        <BlockView
          key={block.number}
          text={text}
          block={block}
          presence={presence.filter((p) => p.start < block.end && p.end > block.start)}
        />
      ))}
    </article>
  );
}
