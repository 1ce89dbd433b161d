import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';

// When Remix cancels a fetcher load whose response is still streaming (an action elsewhere on the page
// finished and revalidates it), turbo-stream 2 rejects an internal promise nobody awaits. The load is
// retried by Remix and nothing is lost; only that one rejection, an AbortError, is kept out of the console.
window.addEventListener('unhandledrejection', (event) => {
  if (event.reason instanceof DOMException && event.reason.name === 'AbortError') event.preventDefault();
});

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
