/**
 * The server's annotation importer (server/import/), handed to the import page through the load context:
 * the work runs on a worker thread and writes to the room's log, which is the server's business, not a route's.
 */
import type { AppLoadContext } from '@remix-run/node';
import type { ImportReport } from './imported-notes.server';

export type ImportOutcome =
  | { ok: true; format: string; report: ImportReport; notNotes: number; unreadable: number }
  | { ok: false; error: string };

declare module '@remix-run/node' {
  interface AppLoadContext {
    importAnnotations?: (request: { room: string; importerId: string; file: Uint8Array; text: string; version: number }) => Promise<ImportOutcome>;
  }
}

export function importerOf(context: AppLoadContext) {
  if (!context.importAnnotations) throw new Error('This server was started without the annotation importer (server/index.ts provides it).');
  return context.importAnnotations;
}
