/**
 * An export as a stream of bytes: each page of rows read from PostgreSQL only when the client has taken
 * the last one (a pull stream that also waits for the socket to drain), so a large course costs a page of
 * memory, however large, and however slowly the client reads.
 */
import {
  exportedEvents,
  exportedLinks,
  exportedMatrix,
  exportedNotes,
  exportedPosts,
  type ExportedEvent,
  type ExportedLink,
  type ExportedMatrixEntry,
  type ExportedNote,
  type ExportedPost,
  type ExportScope,
} from '../../../db/queries/export';
import { csvWriter } from './csv-rows';
import { webAnnotationWriter } from './json-ld-pages';
import { markdownWriter } from './markdown-notes';

export type ExportFormat = 'csv' | 'md' | 'jsonld';

/** What the file says of itself: its title, and (for JSON-LD) its IRI, origin and size. */
export interface ExportInfo {
  title: string;
  origin: string;
  collection: string;
  total: number;
}

/** A format: what it writes first, for each page of each kind of row, and last. */
export interface ExportWriter {
  start(): string;
  notes(page: ExportedNote[]): string;
  links(page: ExportedLink[]): string;
  matrix(page: ExportedMatrixEntry[]): string;
  events(page: ExportedEvent[]): string;
  posts(page: ExportedPost[]): string;
  end(): string;
}

function writerFor(format: ExportFormat, info: ExportInfo, courseId: string): ExportWriter {
  if (format === 'csv') return csvWriter;
  if (format === 'md') return markdownWriter(info.title);
  return webAnnotationWriter(info, courseId);
}

/** `drained`: resolves when the response can take more (the next page is read only then). */
export function exportStream(scope: ExportScope, format: ExportFormat, info: ExportInfo, drained: () => Promise<void>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const writer = writerFor(format, info, scope.courseId);
  async function* pieces(): AsyncGenerator<string> {
    yield writer.start();
    for await (const page of exportedNotes(scope)) yield writer.notes(page);
    for await (const page of exportedLinks(scope)) yield writer.links(page);
    for await (const page of exportedMatrix(scope)) yield writer.matrix(page);
    for await (const page of exportedEvents(scope)) yield writer.events(page);
    for await (const page of exportedPosts(scope)) yield writer.posts(page);
    yield writer.end();
  }
  const source = pieces();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      await drained();
      // (A pull that enqueues nothing is not called again: skip a format's empty pieces here.)
      for (;;) {
        const next = await source.next();
        if (next.done) return controller.close();
        if (next.value) return controller.enqueue(encoder.encode(next.value));
      }
    },
    async cancel() {
      // (The client went away: the cursor's query is ended with the generator.)
      await source.return(undefined);
    },
  });
}
