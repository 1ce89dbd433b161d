/**
 * A source's text as HTML: numbered blocks, each a slice of the canonical text, so a block's characters
 * are exactly the stored ones and annotation offsets map straight onto them.
 *
 * Built as one string rather than React elements: the text never changes while it is read (highlights
 * and other readers' selections are painted over it, components/reader/highlights.ts), and React neither renders
 * nor hydrates markup given as HTML — on a long source that was most of the reader's start-up.
 */
import type { BlockKind } from './split-blocks';

export interface SourceBlock {
  number: number;
  kind: BlockKind;
  start: number;
  end: number;
  /** A passage the assignment being worked on points to. */
  focus?: boolean;
  /** Instructors' heat view: how many of the class's notes fall on this block (0–5 shade, and the count). */
  heat?: { level: number; notes: number };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };
/**
 * Text safe inside an element or a quoted attribute. A carriage return is written as a character
 * reference: the HTML parser would turn a literal one into a line feed and shift every offset after it.
 */
const escapeHtml = (s: string) => s.replace(/[&<>"\r]/g, (c) => ESCAPES[c]!);

const plural = (n: number) => `${n} note${n === 1 ? '' : 's'}`;

function blockHtml(text: string, block: SourceBlock, scope: string): string {
  const id = `${scope}b${block.number}`;
  const label = `Paragraph ${block.number}${block.focus ? ', a focus passage of the assignment' : ''}${block.heat ? `, ${plural(block.heat.notes)}` : ''}, link`;
  const title = block.heat ? ` title="${plural(block.heat.notes)} here"` : '';
  // Outside .block-text: only the source's own characters may be inside it (selection offsets).
  const number = `<a href="#${id}" class="block-number" aria-label="${label}"${title}>¶&nbsp;${block.number}</a>`;
  // --chars: its length, from which styles.css guesses the height of a paragraph not yet laid out.
  const attributes = `id="${id}" data-start="${block.start}" data-end="${block.end}" style="--chars:${block.end - block.start}"${block.focus ? ' data-focus="true"' : ''}${block.heat ? ` data-heat="${block.heat.level}"` : ''}`;
  // A Markdown heading keeps its "## " (offsets count it) but shows it faintly.
  const marker = block.kind === 'heading' ? (/^#{1,6}\s+/.exec(text.slice(block.start, block.end))?.[0] ?? '') : '';
  const content = `<span class="block-text">${marker ? `<span class="md-marker">${escapeHtml(marker)}</span>` : ''}${escapeHtml(text.slice(block.start + marker.length, block.end))}</span>`;
  switch (block.kind) {
    case 'heading':
      return `<h2 ${attributes} class="block heading">${number}${content}</h2>`;
    case 'furniture':
      return `<div ${attributes} class="block furniture" title="Page furniture: stamps, page numbers, publisher text">${number}<span class="furniture-label">page furniture</span>${content}</div>`;
    case 'front':
      return `<div ${attributes} class="block furniture front" title="Front matter: the document's metadata">${number}<span class="furniture-label">front matter</span>${content}</div>`;
    default:
      return `<p ${attributes} class="block ${block.kind}">${number}${content}</p>`;
  }
}

/** `scope` prefixes the blocks' ids (`b12`, or `left-b12` for one side of two readers on a page). */
export function sourceTextHtml(text: string, blocks: SourceBlock[], scope = ''): string {
  return blocks.map((block) => blockHtml(text, block, scope)).join('');
}
