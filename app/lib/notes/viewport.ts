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

/** The viewport of `root` (a scrolling element), or of the window when there is none. */
export function viewportOf(root: HTMLElement | null | undefined): Viewport {
  if (!root) return { top: 0, bottom: window.innerHeight, scrollBy: (top, behavior) => window.scrollBy({ top, behavior }) };
  const rect = root.getBoundingClientRect();
  return { top: Math.max(0, rect.top), bottom: Math.min(window.innerHeight, rect.bottom), scrollBy: (top, behavior) => root.scrollBy({ top, behavior }) };
}

/** Calls `listener` when `root` (or the window) scrolls or the window resizes; returns the unsubscribe. */
export function onViewportChange(root: HTMLElement | null | undefined, listener: () => void): () => void {
  const scroller: HTMLElement | Window = root ?? window;
  scroller.addEventListener('scroll', listener, { passive: true });
  window.addEventListener('resize', listener);
  return () => {
    scroller.removeEventListener('scroll', listener);
    window.removeEventListener('resize', listener);
  };
}
