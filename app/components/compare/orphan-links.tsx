/**
 * Evidence links whose passage on this source is no longer in the version shown (a corrected text
 * dropped it): listed above the text with their old quote, never silently dropped (docs/compare.md).
 */
import { useEffect, useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { endOfPassage, relationOf } from '~/lib/compare/links';
import type { SourceBlock } from '~/lib/source-html';
import type { Reattaching } from '~/components/reader/reattach';
import type { BadgeTarget, LinkActions } from './link-badges';
import { anchorOfEnd, blockAtOffset } from '~/lib/compare/link-anchors';
import type { LinkView } from './use-course-links';

export function OrphanLinks(props: {
  links: readonly LinkView[];
  documentId: string;
  documentVersion: number;
  text: string;
  textRef: RefObject<HTMLElement>;
  describe(end: LinkView['link']['target'][number]): BadgeTarget;
  blocks: readonly SourceBlock[];
  actions?: LinkActions;
  /** Starts re-attaching one's own end: the reader's next selection is its new passage. */
  onReattach?(reattaching: Reattaching): void;
}) {
  const { links, documentId, documentVersion, text, actions } = props;
  const reattach = (view: LinkView, mine: 0 | 1, quote: string) =>
    props.onReattach?.({
      quote,
      what: 'your link’s end',
      attach: (passage) => actions?.reattachEnd?.(view, mine, endOfPassage({ id: documentId, version: documentVersion, text }, passage, blockAtOffset(props.blocks, passage.start)?.number)),
    });
  const orphans = useMemo(
    () =>
      links.flatMap((view) =>
        view.link.target.flatMap((end, i) => (end.source === documentId && !anchorOfEnd(text, documentVersion, end) ? [{ view, mine: i as 0 | 1, quote: end.selector[1].exact }] : [])),
      ),
    [links, documentId, documentVersion, text],
  );

  // Its container is the first thing in the text's element (whose ref is set once the page has mounted).
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const [box, setBox] = useState<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const root = props.textRef.current;
    if (!root || orphans.length === 0) return setBox(null);
    const container = document.createElement('div');
    container.className = 'orphan-links';
    root.prepend(container);
    setBox(container);
    return () => container.remove();
  }, [orphans.length > 0, mounted, props.textRef]); // eslint-disable-line react-hooks/exhaustive-deps -- only whether there are any

  if (!box) return null;
  return createPortal(
    <details open>
      <summary>
        {orphans.length === 1 ? 'A linked passage is' : `${orphans.length} linked passages are`} not in this version of the text
      </summary>
      <ul>
        {orphans.map(({ view, mine, quote }) => {
          const other = props.describe(view.link.target[mine === 0 ? 1 : 0]);
          return (
            <li key={`${view.key}:${mine}`}>
              ↔ {relationOf(view.link)} · {other.title}
              {other.block ? ` ¶ ${other.block}` : ''}, by {view.authorName}: <q>{quote.length > 160 ? `${quote.slice(0, 160)}…` : quote}</q>
              {actions?.reattachEnd && props.onReattach && (view.link.authorId === actions.me || (actions.isInstructor && view.visibility === 'class')) ? (
                <>
                  {' '}
                  <button type="button" className="small secondary" onClick={() => reattach(view, mine, quote)}>
                    Re-attach to a new selection…
                  </button>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </details>,
    box,
  );
}
