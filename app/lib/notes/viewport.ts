/**
 * Where a reader's text is seen: the window, or a scrolling element of its own (two readers side by
 * side each scroll by themselves). The reader measures and scrolls through this, never the window directly.
 */
export interface Viewport {
  /** The visible band, in client coordinates. */
  top: number;
  bottom: number;
  scrollBy(top: number, behavior: ScrollBehavior): void;
}

/**
 * The viewport of `root` (a scrolling element), or of the window when there is none. A root that does
 * not scroll now (on a phone the compare view's sides grow with their text) is seen through the window.
 */
export function viewportOf(root: HTMLElement | null | undefined): Viewport {
  const windowScroll = (top: number, behavior: ScrollBehavior) => window.scrollBy({ top, behavior });
  if (!root) return { top: 0, bottom: window.innerHeight, scrollBy: windowScroll };
  const rect = root.getBoundingClientRect();
  const scrolls = root.scrollHeight > root.clientHeight + 1;
  return {
    top: Math.max(0, rect.top),
    bottom: Math.min(window.innerHeight, rect.bottom),
    scrollBy: scrolls ? (top, behavior) => root.scrollBy({ top, behavior }) : windowScroll,
  };
}

/** Calls `listener` when `root` or the window scrolls, or the window resizes; returns the unsubscribe. */
export function onViewportChange(root: HTMLElement | null | undefined, listener: () => void): () => void {
  // Both: a root scrolls by itself on a laptop, and with the window on a phone.
  const scrollers: (HTMLElement | Window)[] = root ? [root, window] : [window];
  for (const s of scrollers) s.addEventListener('scroll', listener, { passive: true });
  window.addEventListener('resize', listener);
  return () => {
    for (const s of scrollers) s.removeEventListener('scroll', listener);
    window.removeEventListener('resize', listener);
  };
}
