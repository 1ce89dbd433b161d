/**
 * Re-attaching work whose passage was not placed in this version (a note, or one's end of an evidence
 * link): while it lasts, a banner above the text says what to do, and the selection's one button attaches
 * it there. Whoever starts it says what attaching does.
 */
import { useEffect } from 'react';
import { excerpt } from '~/lib/board/links';

export interface Reattaching {
  /** The old quote, to recognise what is being re-attached. */
  quote: string;
  /** What it is, as the banner says it: "your note", "your link's passage". */
  what: string;
  attach(passage: { start: number; end: number }): void;
  /** The note's key, focused once it is attached. */
  focusKey?: string;
}

/** What to do, and the way out (also Esc). Above the text, not in the margin: a phone's margin is closed meanwhile. */
export function ReattachBanner({ reattaching, onCancel }: { reattaching: Reattaching; onCancel(): void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <div className="notice reattach-banner" role="status">
      Select the passage {reattaching.what} “{excerpt(reattaching.quote, 40)}” belongs to, then choose <strong>Attach here</strong>.{' '}
      <button type="button" className="small secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
