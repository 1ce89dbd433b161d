/**
 * An export as a stream of bytes: each page of rows read from PostgreSQL only when the client has taken
 * the last one (a pull stream that also waits for the socket to drain), so a large course costs a page of
 * memory, however large, and however slowly the client reads.
 */
import { exportedEvents, exportedLinks, exportedMatrix, exportedNotes, exportedPosts, type ExportScope } from '../../../db/queries/export';
import { csvEvents, csvHeader, csvLinks, csvMatrix, csvNotes, csvPosts } from './csv-rows';
import { jsonLdWriter } from './json-ld-pages';
import { markdownWriter } from './markdown-notes';
import { eventAnnotation, linkAnnotation, matrixAnnotation, noteAnnotation, postAnnotation } from './web-annotation';

export type ExportFormat = 'csv' | 'md' | 'jsonld';

/** What the file says of itself: its title, and (for JSON-LD) its IRI, origin and size. */
export interface ExportInfo {
  title: string;
  origin: string;
  collection: string;
  total: number;
}

/** `drained`: resolves when the response can take more (the next page is read only then). */
export function exportStream(scope: ExportScope, format: ExportFormat, info: ExportInfo, drained: () => Promise<void>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  async function* pieces(): AsyncGenerator<string> {
    if (format === 'csv') {
      yield csvHeader();
      for await (const page of exportedNotes(scope)) yield csvNotes(page);
      for await (const page of exportedLinks(scope)) yield csvLinks(page);
      for await (const page of exportedMatrix(scope)) yield csvMatrix(page);
      for await (const page of exportedEvents(scope)) yield csvEvents(page);
      for await (const page of exportedPosts(scope)) yield csvPosts(page);
    } else if (format === 'md') {
      const md = markdownWriter(info.title);
      yield md.start();
      for await (const page of exportedNotes(scope)) yield md.notes(page);
      for await (const page of exportedLinks(scope)) yield md.links(page);
      for await (const page of exportedMatrix(scope)) yield md.matrix(page);
      for await (const page of exportedEvents(scope)) yield md.events(page);
      for await (const page of exportedPosts(scope)) yield md.posts(page);
    } else {
      const ld = jsonLdWriter({ collection: info.collection, label: info.title, total: info.total });
      yield ld.start();
      for await (const page of exportedNotes(scope)) yield ld.items(page.map((n) => noteAnnotation(info.origin, scope.courseId, n)));
      for await (const page of exportedLinks(scope)) yield ld.items(page.map((l) => linkAnnotation(info.origin, scope.courseId, l)));
      for await (const page of exportedMatrix(scope)) yield ld.items(page.map((e) => matrixAnnotation(info.origin, scope.courseId, e)));
      for await (const page of exportedEvents(scope)) yield ld.items(page.map((t) => eventAnnotation(info.origin, scope.courseId, t)));
      for await (const page of exportedPosts(scope)) yield ld.items(page.map((p) => postAnnotation(info.origin, scope.courseId, p)));
      yield ld.end();
    }
  }
  const source = pieces();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      await drained();
      const next = await source.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      // (The client went away: the cursor's query is ended with the generator.)
      await source.return(undefined);
    },
  });
}
