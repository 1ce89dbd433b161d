/**
 * Plenum's notes, replies and evidence links as W3C Web Annotations (https://www.w3.org/TR/annotation-model/):
 * a note `commenting` its passage (its tags `tagging` bodies), a reply `replying` with its note as target,
 * a link `linking` its two passages with its relation as a `classifying` body. A passage is a
 * SpecificResource on the source version's IRI with a TextQuoteSelector and a TextPositionSelector.
 * Every IRI is under the server's origin; an annotation's own is its `/annotations/:id` address.
 */
import type { ExportedLink, ExportedNote } from '../../../db/queries/export';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const ANNO_PROFILE = `application/ld+json; profile="${ANNO_CONTEXT}"`;

type Selectors = { position: { start: number; end: number }; quote: { exact: string; prefix: string; suffix: string } };

/** The address of an annotation: its author's id and its own, as the rooms key it. */
export const annotationIri = (origin: string, authorId: string, id: string) => `${origin}/annotations/${encodeURIComponent(`${authorId}:${id}`)}`;
const versionIri = (origin: string, courseId: string, documentId: string, version: number) => `${origin}/c/${courseId}/d/${documentId}?v=${version}`;
const person = (origin: string, id: string, name: string) => ({ id: `${origin}/users/${id}`, type: 'Person', name });

function passage(origin: string, courseId: string, documentId: string, version: number, selectors: Selectors) {
  return {
    type: 'SpecificResource',
    source: versionIri(origin, courseId, documentId, version),
    selector: [
      { type: 'TextQuoteSelector', exact: selectors.quote.exact, prefix: selectors.quote.prefix, suffix: selectors.quote.suffix },
      { type: 'TextPositionSelector', start: selectors.position.start, end: selectors.position.end },
    ],
  };
}

export function noteAnnotation(origin: string, courseId: string, n: ExportedNote) {
  const text = { type: 'TextualBody', value: n.body, format: 'text/markdown', purpose: n.kind === 'reply' ? 'replying' : 'commenting' };
  const [parentAuthor, parentId] = n.parent?.split(':') ?? [];
  return {
    id: annotationIri(origin, n.authorId, n.id),
    type: 'Annotation',
    motivation: n.kind === 'reply' ? 'replying' : 'commenting',
    created: n.createdAt.toISOString(),
    creator: person(origin, n.authorId, n.authorName),
    body: [text, ...n.tags.map((tag) => ({ type: 'TextualBody', value: tag, purpose: 'tagging' }))],
    target:
      n.kind === 'reply' && parentAuthor && parentId
        ? annotationIri(origin, parentAuthor, parentId)
        : n.selectors
          ? passage(origin, courseId, n.documentId, n.documentVersion, n.selectors)
          : versionIri(origin, courseId, n.documentId, n.documentVersion),
  };
}

interface StoredEnd {
  source: string;
  version: number;
  selector: [{ start: number; end: number }, { exact: string; prefix: string; suffix: string }, ...unknown[]];
}

export function linkAnnotation(origin: string, courseId: string, l: ExportedLink) {
  const ends = l.ends as [StoredEnd, StoredEnd];
  return {
    id: annotationIri(origin, l.authorId, l.id),
    type: 'Annotation',
    motivation: 'linking',
    created: l.createdAt.toISOString(),
    creator: person(origin, l.authorId, l.authorName),
    body: [{ type: 'TextualBody', value: l.relation, purpose: 'classifying' }, ...(l.comment ? [{ type: 'TextualBody', value: l.comment, format: 'text/markdown', purpose: 'commenting' }] : [])],
    target: ends.map((end) => passage(origin, courseId, end.source, end.version, { position: end.selector[0], quote: end.selector[1] })),
  };
}
