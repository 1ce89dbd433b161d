/**
 * Backpressure for a streamed response. Remix's Node adapter writes a body stream into the socket without
 * waiting when the socket's buffer is full (writeReadableStreamToWritable ignores `write()`'s false): a
 * slow client would have a whole export buffered in the server. The server's load context says instead
 * when the response has room again; a stream awaits it before it makes its next piece.
 */
import type { AppLoadContext } from '@remix-run/node';

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Resolves once the response's socket buffer has room (at once if it has), or the client has gone. */
    drained?: () => Promise<void>;
  }
}

export function drainedOf(context: AppLoadContext): () => Promise<void> {
  return context.drained ?? (() => Promise.resolve());
}
