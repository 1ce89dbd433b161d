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

/** A highlighted range of the canonical text, with the notes it belongs to. */
export interface Mark {
  start: number;
  end: number;
  /** Note keys ("<author>:<id>") whose passage this is. */
  key: string;
  visibility: 'class' | 'private' | 'staff';
}

/** Another reader's current selection, shown faintly in their colour. */
export interface PresenceMark {
  start: number;
  end: number;
  name: string;
  color: string;
}

/**
 * Splits `text[from, to)` at every mark boundary, so highlights are plain React elements (the DOM is
 * never mutated behind React's back) and overlapping highlights nest as a depth.
 */
function highlighted(text: string, from: number, to: number, marks: Mark[], focused: string | null, presence: PresenceMark[]): ReactNode[] {
  const inside = marks.filter((m) => m.start < to && m.end > from);
  const others = presence.filter((p) => p.start < to && p.end > from);
  if (inside.length === 0 && others.length === 0) return [text.slice(from, to)];
  const cuts = new Set([from, to]);
  for (const m of [...inside, ...others]) {
    if (m.start > from) cuts.add(m.start);
    if (m.end < to) cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: ReactNode[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i]!, points[i + 1]!];
    const covering = inside.filter((m) => m.start <= a && m.end >= b);
    const watching = others.find((p) => p.start <= a && p.end >= b);
    let piece: ReactNode = text.slice(a, b);
    if (watching) {
      piece = (
        <span key={`p${a}`} className="presence-selection" style={{ '--presence': watching.color } as React.CSSProperties} title={`${watching.name} is reading this`}>
          {piece}
        </span>
      );
    }
    if (covering.length === 0) {
      out.push(piece);
      continue;
    }
    const visibility = covering.some((m) => m.visibility === 'class') ? 'class' : covering.some((m) => m.visibility === 'staff') ? 'staff' : 'private';
    out.push(
      <mark
        key={a}
        className={`hl hl-${visibility}${covering.some((m) => m.key === focused) ? ' hl-focused' : ''}`}
        data-depth={Math.min(covering.length, 3)}
        data-notes={covering.map((m) => m.key).join(' ')}
      >
        {piece}
      </mark>,
    );
  }
  return out;
}

interface BlockProps {
  text: string;
  block: Block;
  marks: Mark[];
  focused: string | null;
  presence: PresenceMark[];
}

/** What a block shows, as a string: a block re-renders only when it changes. */
function signature(p: BlockProps): string {
  return [
    p.block.start,
    p.block.focus ? 'focus' : '',
    p.block.heat ? `heat${p.block.heat.notes}` : '',
    p.marks.map((m) => `${m.key}@${m.start}-${m.end}:${m.visibility}`).join(','),
    p.marks.some((m) => m.key === p.focused) ? p.focused : '',
    p.presence.map((x) => `${x.name}@${x.start}-${x.end}:${x.color}`).join(','),
  ].join('|');
}

const BlockView = memo(function BlockView({ text, block, marks, focused, presence }: BlockProps) {
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
      {highlighted(text, block.start + marker.length, block.end, marks, focused, presence)}
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
export function SourceText({
  text,
  blocks,
  marks = [],
  focused = null,
  presence = [],
}: {
  text: string;
  blocks: Block[];
  marks?: Mark[];
  focused?: string | null;
  presence?: PresenceMark[];
}) {
  // Hand each block only its own highlights (blocks are in text order; marks sorted by start).
  const sorted = [...marks].sort((a, b) => a.start - b.start);
  return (
    <article className="source-text">
      {blocks.map((block) => (
        <BlockView
          key={block.number}
          text={text}
          block={block}
          marks={sorted.filter((m) => m.start < block.end && m.end > block.start)}
          focused={focused}
          presence={presence.filter((p) => p.start < block.end && p.end > block.start)}
        />
      ))}
    </article>
  );
}
