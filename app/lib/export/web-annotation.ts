/**
 * Plenum's notes, replies and evidence links as W3C Web Annotations (https://www.w3.org/TR/annotation-model/):
 * a note `commenting` its passage (its tags `tagging` bodies), a reply `replying` with its note as target,
 * a link `linking` its two passages with its relation as a `classifying` body. A passage is a
 * SpecificResource on the source version's IRI with a TextQuoteSelector and a TextPositionSelector. A matrix
 * entry `describing` its evidence (its claim, and its row and case as `classifying` bodies), a timeline event
 * `describing` its passage (date and label), a board thread `commenting` on the course's board and a board
 * reply `replying` to the post it answers.
 * Every IRI is under the server's origin; an annotation's own is its `/annotations/:id` address.
 */
import { formatEventDate } from '~/lib/compare/event-dates';
import type { ExportedEvent, ExportedLink, ExportedMatrixEntry, ExportedNote, ExportedPost } from '../../../db/queries/export';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const ANNO_PROFILE = `application/ld+json; profile="${ANNO_CONTEXT}"`;

type Selectors = { position: { start: number; end: number }; quote: { exact: string; prefix: string; suffix: string } };

/** The address of an annotation: its author's id and its own, as the rooms key it. */
export const annotationIri = (origin: string, authorId: string, id: string) => `${origin}/annotations/${encodeURIComponent(`${authorId}:${id}`)}`;
const versionIri = (origin: string, courseId: string, documentId: string, version: number) => `${origin}/c/${courseId}/d/${documentId}?v=${version}`;
const person = (origin: string, id: string, name: string) => ({ id: `${origin}/users/${id}`, type: 'Person', name });

/** What every annotation starts with: its address, motivation, date and creator. */
function annotation(origin: string, item: { authorId: string; id: string; authorName: string; createdAt: Date }, motivation: string) {
  return { id: annotationIri(origin, item.authorId, item.id), type: 'Annotation', motivation, created: item.createdAt.toISOString(), creator: person(origin, item.authorId, item.authorName) };
}

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
    ...annotation(origin, n, n.kind === 'reply' ? 'replying' : 'commenting'),
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
    ...annotation(origin, l, 'linking'),
    body: [{ type: 'TextualBody', value: l.relation, purpose: 'classifying' }, ...(l.comment ? [{ type: 'TextualBody', value: l.comment, format: 'text/markdown', purpose: 'commenting' }] : [])],
    target: ends.map((end) => passage(origin, courseId, end.source, end.version, { position: end.selector[0], quote: end.selector[1] })),
  };
}

const endPassage = (origin: string, courseId: string, end: StoredEnd) => passage(origin, courseId, end.source, end.version, { position: end.selector[0], quote: end.selector[1] });
const textBody = (value: string, purpose: string, markdown = false) => ({ type: 'TextualBody', value, ...(markdown ? { format: 'text/markdown' } : {}), purpose });

export function matrixAnnotation(origin: string, courseId: string, e: ExportedMatrixEntry) {
  const evidence = e.evidence as { kind: string; authorId?: string; id?: string; target: StoredEnd[] };
  return {
    ...annotation(origin, e, 'describing'),
    body: [textBody(e.claim, 'describing'), textBody(e.rowTitle, 'classifying'), textBody(e.caseTitle, 'classifying')],
    // A cited note or link is the target itself (its address); a passage, the passage.
    target: evidence.kind !== 'passage' && evidence.authorId && evidence.id ? annotationIri(origin, evidence.authorId, evidence.id) : evidence.target.map((end) => endPassage(origin, courseId, end)),
  };
}

export function eventAnnotation(origin: string, courseId: string, t: ExportedEvent) {
  return {
    ...annotation(origin, t, 'describing'),
    body: [textBody(`${formatEventDate(t.when)}: ${t.label}`, 'describing'), textBody(t.lane ?? 'context', 'classifying')],
    target: (t.target as StoredEnd[]).map((end) => endPassage(origin, courseId, end)),
  };
}

export function postAnnotation(origin: string, courseId: string, p: ExportedPost) {
  const [parentAuthor, parentId] = p.parent?.split(':') ?? [];
  return {
    ...annotation(origin, p, p.kind === 'reply' ? 'replying' : 'commenting'),
    body: p.kind === 'thread' ? [textBody(p.title, 'describing'), textBody(p.body, 'commenting', true)] : [textBody(p.body, 'replying', true)],
    target: p.kind === 'reply' && parentAuthor && parentId ? annotationIri(origin, parentAuthor, parentId) : `${origin}/c/${courseId}/board`,
  };
}

