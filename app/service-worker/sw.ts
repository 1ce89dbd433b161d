/**
 * Plenum's service worker (built by vite.sw.config.ts to /sw.js). Pages and their data come from the
 * network and are kept as last seen; with the network gone, the kept copy is served, and the page's
 * own scripts then open the browser's copy of its rooms. Assets are kept by their hashed names.
 * Nothing is kept of a response that is not a plain 200 (redirects to sign-in, errors), nor of the
 * paths in NEVER_KEPT, and signing in or out forgets the kept pages.
 */
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { ExpirationPlugin } from 'workbox-expiration';
import { registerRoute, setCatchHandler } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { ASSETS_CACHE, NEVER_KEPT, PAGES_CACHE } from '../lib/offline-shell';
import { offlinePage } from './offline-page';

declare const self: ServiceWorkerGlobalScope;

const DAY = 24 * 60 * 60;
const sameOrigin = (url: URL) => url.origin === self.location.origin;

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** A kept page older than this is fetched again in the background when its data is. */
const KEEP_FRESH_MS = 10 * 60 * 1000;

/**
 * A page reached by a link inside the app is never fetched as a document (only its data), yet a reload
 * offline asks for the document: fetch it in the background, so every page opened can be reloaded.
 */
async function keepDocumentOf(dataUrl: URL) {
  const page = new URL(dataUrl);
  page.pathname = page.pathname === '/_root.data' ? '/' : page.pathname.replace(/\.data$/, '');
  page.searchParams.delete('_routes');
  if (NEVER_KEPT.test(page.pathname)) return;
  const cache = await caches.open(PAGES_CACHE);
  const kept = await cache.match(page.href);
  const keptAt = Date.parse(kept?.headers.get('Date') ?? '');
  if (kept && Date.now() - keptAt < KEEP_FRESH_MS) return;
  const response = await fetch(page.href, { credentials: 'same-origin', redirect: 'manual' }).catch(() => null);
  if (response?.status === 200) await cache.put(page.href, response);
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (!sameOrigin(url)) return;
  // Signing in or out (a form POST, which goes on to the network untouched) forgets the kept pages.
  if (event.request.method === 'POST' && /^\/(signin|signout)$/.test(url.pathname)) event.waitUntil(caches.delete(PAGES_CACHE));
  if (event.request.method === 'GET' && url.pathname.endsWith('.data') && navigator.onLine) event.waitUntil(keepDocumentOf(url));
});

registerRoute(
  ({ url }) => sameOrigin(url) && url.pathname.startsWith('/assets/'),
  new CacheFirst({
    cacheName: ASSETS_CACHE,
    plugins: [new CacheableResponsePlugin({ statuses: [200] }), new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 60 * DAY })],
  }),
);

// A page (a navigation) or its data (Remix's single fetch: `<path>.data`).
registerRoute(
  ({ url, request }) => sameOrigin(url) && (request.mode === 'navigate' || url.pathname.endsWith('.data')) && !NEVER_KEPT.test(url.pathname),
  new NetworkFirst({
    cacheName: PAGES_CACHE,
    // A network that takes longer than this (a dead Wi-Fi does not fail, it hangs) gets the kept copy.
    networkTimeoutSeconds: 8,
    plugins: [new CacheableResponsePlugin({ statuses: [200] }), new ExpirationPlugin({ maxEntries: 100, maxAgeSeconds: 30 * DAY })],
  }),
);

// Neither network nor a kept copy: a page that says so, rather than the browser's error.
setCatchHandler(async ({ request }) => (request.mode === 'navigate' ? offlinePage() : Response.error()));
