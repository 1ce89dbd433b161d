/**
 * A citation of a paragraph as it was numbered in one version of a source (`?at=<version>.<¶>`): stored in
 * links (a board thread about a passage), it is followed to the same text in the newest version
 * (cited-block.server.ts), or to the version it was made on if that paragraph is gone.
 */
export interface Citation {
  version: number;
  number: number;
}

export const citationHref = (courseId: string, documentId: string, cited: Citation) => `/c/${courseId}/d/${documentId}?at=${cited.version}.${cited.number}`;

export function parseCitation(value: string | null): Citation | null {
  const match = value ? /^(\d{1,6})\.(\d{1,7})$/.exec(value) : null;
  return match ? { version: Number(match[1]), number: Number(match[2]) } : null;
}
