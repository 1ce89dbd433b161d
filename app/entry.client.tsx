import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';

// When Remix cancels a fetcher load whose response is still streaming (an action elsewhere on the page
// finished and revalidates it), turbo-stream 2 rejects an internal promise nobody awaits. The load is
// retried by Remix and nothing is lost; only that one rejection, an AbortError, is kept out of the console.
window.addEventListener('unhandledrejection', (event) => {
  if (event.reason instanceof DOMException && event.reason.name === 'AbortError') event.preventDefault();
});

// The offline shell (app/lib/offline-shell.ts), in a production build only: Vite's dev server serves
// modules that change under the same name.
// (After the page's load, which this module, loaded async, may run after.)
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const register = () =>
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without it the app works as before, online only.
    });
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
