/** The kinds of search result, in the order the search page lists them. */
import type { ResultKind } from '../../../db/queries/search';

export type { ResultKind };

export const RESULT_KINDS = ['source', 'note', 'link', 'thread', 'matrix'] as const satisfies readonly ResultKind[];

export const KIND_LABELS: Record<ResultKind, string> = { source: 'Source text', note: 'Notes and replies', link: 'Evidence links', thread: 'Board threads', matrix: 'Matrix entries' };
