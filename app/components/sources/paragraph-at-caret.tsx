/**
 * The ¶ number at the caret of a source's textarea, as the reader will number it once published:
 * a plain textarea has no gutter, and ¶ numbers are what the class cites.
 */
import { useEffect, useState, type RefObject } from 'react';
import { splitBlocks } from '~/lib/split-blocks';

const KIND_LABEL = { heading: 'heading', paragraph: 'paragraph', note: 'note', furniture: 'page furniture (a stamp, page number or archive mark)', front: 'front matter (the document’s metadata)' } as const;

export function ParagraphAtCaret({ id, textarea }: { id: string; textarea: RefObject<HTMLTextAreaElement> }) {
  const [where, setWhere] = useState<string | null>(null);
  useEffect(() => {
    const el = textarea.current;
    if (!el) return;
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const caret = el.selectionStart;
        const blocks = splitBlocks(el.value);
        const block = blocks.find((b) => caret >= b.start && caret <= b.end);
        setWhere(block ? `¶ ${block.number} · ${KIND_LABEL[block.kind]}` : `between paragraphs (${blocks.length} in all)`);
      });
    };
    const events = ['select', 'keyup', 'click', 'focus', 'input'] as const;
    for (const e of events) el.addEventListener(e, update);
    return () => {
      cancelAnimationFrame(frame);
      for (const e of events) el.removeEventListener(e, update);
    };
  }, [textarea]);
  return (
    <p id={id} className="hint caret-paragraph" aria-live="off">
      {where ? `The cursor is in ${where}.` : 'Click in the text to see its ¶ number.'}
    </p>
  );
}
