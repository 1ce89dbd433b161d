/**
 * An export as W3C Web Annotation JSON-LD: an AnnotationCollection and its AnnotationPages, one page per
 * page of rows read, as nodes of one `@graph` (flat, so it can be written as the rows arrive: each page names
 * the next, which is known once the next rows are). web-annotation.ts makes the annotations.
 */
import type { ExportedEvent, ExportedLink, ExportedMatrixEntry, ExportedNote, ExportedPost } from '../../../db/queries/export';
import { ANNO_CONTEXT, eventAnnotation, linkAnnotation, matrixAnnotation, noteAnnotation, postAnnotation } from './web-annotation';

export function jsonLdWriter(input: { collection: string; label: string; total: number }) {
  let pages = 0;
  let startIndex = 0;
  let held: object[] | null = null;
  const page = (items: object[], last: boolean) => {
    pages += 1;
    const node = {
      id: `${input.collection}#page-${pages}`,
      type: 'AnnotationPage',
      partOf: input.collection,
      startIndex,
      items,
      ...(last ? {} : { next: `${input.collection}#page-${pages + 1}` }),
    };
    startIndex += items.length;
    return `,\n${JSON.stringify(node)}`;
  };
  return {
    start: () =>
      `{"@context":${JSON.stringify(ANNO_CONTEXT)},"@graph":[\n${JSON.stringify({
        id: input.collection,
        type: 'AnnotationCollection',
        label: input.label,
        total: input.total,
        ...(input.total > 0 ? { first: `${input.collection}#page-1` } : {}),
      })}`,
    /** A page of annotations: the one before it is written now, naming this one as next. */
    items(items: object[]): string {
      if (items.length === 0) return '';
      const out = held ? page(held, false) : '';
      held = items;
      return out;
    },
    end: () => `${held ? page(held, true) : ''}\n]}\n`,
  };
}

/** The JSON-LD format: each page of rows as annotations, in the collection's pages. */
export function webAnnotationWriter(info: { collection: string; title: string; total: number; origin: string }, courseId: string) {
  const ld = jsonLdWriter({ collection: info.collection, label: info.title, total: info.total });
  return {
    start: ld.start,
    notes: (page: ExportedNote[]) => ld.items(page.map((n) => noteAnnotation(info.origin, courseId, n))),
    links: (page: ExportedLink[]) => ld.items(page.map((l) => linkAnnotation(info.origin, courseId, l))),
    matrix: (page: ExportedMatrixEntry[]) => ld.items(page.map((e) => matrixAnnotation(info.origin, courseId, e))),
    events: (page: ExportedEvent[]) => ld.items(page.map((t) => eventAnnotation(info.origin, courseId, t))),
    posts: (page: ExportedPost[]) => ld.items(page.map((p) => postAnnotation(info.origin, courseId, p))),
    end: ld.end,
  };
}
