/**
 * An export as a stream of bytes: each page of rows read from PostgreSQL only when the client has taken
 * the last one (a pull stream), so a large course costs a page of memory, however large.
 */
import { exportedLinks, exportedNotes, type ExportScope } from '../../../db/queries/export';
import { csvHeader, csvLinks, csvNotes } from './csv-rows';
import { markdownWriter } from './markdown-notes';

export type ExportFormat = 'csv' | 'md';

export function exportStream(scope: ExportScope, format: ExportFormat, title: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const md = markdownWriter(title);
  async function* pieces(): AsyncGenerator<string> {
    yield format === 'csv' ? csvHeader() : md.start();
    for await (const page of exportedNotes(scope)) yield format === 'csv' ? csvNotes(page) : md.notes(page);
    for await (const page of exportedLinks(scope)) yield format === 'csv' ? csvLinks(page) : md.links(page);
  }
  const source = pieces();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
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
