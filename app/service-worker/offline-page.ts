/** What the worker shows for a page that was never opened on this device, with the network gone. */
export function offlinePage(): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Offline · Plenum</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2328}h1{font-size:1.4rem}</style>
</head><body><main>
<h1>You are offline</h1>
<p>This page has not been opened on this device before, so there is no copy of it here.</p>
<p>Pages you have opened, such as the sources you have read, open without a network, with your notes;
what you write there is sent when the connection returns.</p>
<p><a href="/">Back to your courses</a></p>
</main></body></html>`;
  return new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}
