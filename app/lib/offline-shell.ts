/**
 * The offline shell: a service worker (app/service-worker/) keeps the pages a member has opened and
 * the app's assets, so that a reload without a network opens the reader and its locally kept notes.
 * Shared by the worker and the page (so nothing here may use `window`).
 */

/** Pages (their HTML and their data) as last seen online. Forgotten at sign-out. */
export const PAGES_CACHE = 'plenum-pages-v1';
/** The build's hashed assets (scripts, styles): they never change under a name. */
export const ASSETS_CACHE = 'plenum-assets-v1';

/** Paths never kept: account flows, invitations, exports, health and sync. */
export const NEVER_KEPT = /^\/(signin|signup|signout|join|account|healthz|sync)(\/|$)|\/export(\.data)?$/;

/** Forgets the kept pages (at sign-out: the next person at a shared computer finds none of them). */
export async function forgetKeptPages(): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(PAGES_CACHE).catch(() => false);
}
