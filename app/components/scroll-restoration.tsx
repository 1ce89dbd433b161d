/**
 * Remix's ScrollRestoration (scroll kept across navigations and reloads), except that reloading the
 * page's data leaves the reader where they are. React Router 6 scrolls back, when a revalidation ends,
 * to where the page was when it began — to the top, the first time after a page load — so a reader
 * taken to a note's passage or scrolling meanwhile was thrown back (remix-run/react-router#12157,
 * fixed in v7 only). Plenum revalidates on the first visit (the time-zone cookie) and on live events.
 */
import { ScrollRestoration as RemixScrollRestoration, useLocation, useRevalidator } from '@remix-run/react';
import { useLayoutEffect, useRef } from 'react';

interface Kept {
  /** The location a revalidation began on, while one runs. */
  revalidating: string | null;
  /** Where the page was in this commit, before Remix's restoration ran. */
  y: number;
}

export function ScrollRestoration({ nonce }: { nonce?: string }) {
  const kept = useRef<Kept>({ revalidating: null, y: 0 });
  // Layout effects run in tree order: the first reads the position, Remix's may move it, the last puts it back.
  return (
    <>
      <ReadPosition kept={kept.current} />
      <RemixScrollRestoration nonce={nonce} />
      <KeepPosition kept={kept.current} />
    </>
  );
}

function ReadPosition({ kept }: { kept: Kept }) {
  useRevalidator(); // (re-rendered, so read, in the commit that ends a revalidation)
  useLayoutEffect(() => {
    kept.y = window.scrollY;
  });
  return null;
}

function KeepPosition({ kept }: { kept: Kept }) {
  const { state } = useRevalidator();
  const { key } = useLocation();
  useLayoutEffect(() => {
    if (state === 'loading') {
      kept.revalidating ??= key;
    } else if (kept.revalidating !== null) {
      // Ended on the same location (a reload of its data, not a navigation): undo Remix's scroll.
      if (kept.revalidating === key && window.scrollY !== kept.y) window.scrollTo(0, kept.y);
      kept.revalidating = null;
    }
  });
  return null;
}
