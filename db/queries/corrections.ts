/** Corrections suggested to a source's text, and their instructors' decisions (migration 020). */
import { sql, type Transaction } from '../sql';

export type CorrectionStatus = 'pending' | 'accepted' | 'rejected';

/** A passage's W3C selectors as stored (app/lib/anchoring/selectors.ts makes them). */
export interface PassageSelectors {
  position: { type: 'TextPositionSelector'; start: number; end: number };
  quote: { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string };
}

export interface Correction {
  id: string;
  documentId: string;
  version: number;
  selectors: PassageSelectors;
  quote: string;
  proposed: string;
  reason: string;
  proposerId: string;
  proposerName: string;
  status: CorrectionStatus;
  decidedAt: Date | null;
  decisionReason: string;
  acceptedText: string | null;
  publishedVersion: number | null;
  createdAt: Date;
}

/** How many suggestions a member may have waiting on one source: enough for a careful reader, not a flood. */
export const PENDING_PER_MEMBER = 50;

export async function pendingOf(courseId: string, documentId: string, proposerId: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM corrections
    WHERE course_id = ${courseId} AND document_id = ${documentId} AND proposer_id = ${proposerId} AND status = 'pending'`;
  return row!.n;
}

export async function insertCorrection(input: { courseId: string; documentId: string; version: number; selectors: PassageSelectors; proposed: string; reason: string; proposerId: string }): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO corrections (course_id, document_id, version, selectors, quote, proposed, reason, proposer_id)
    VALUES (${input.courseId}, ${input.documentId}, ${input.version}, ${sql.json(input.selectors as never)}, ${input.selectors.quote.exact},
            ${input.proposed}, ${input.reason}, ${input.proposerId})
    RETURNING id`;
  return row!.id;
}

/** A source's suggestions, waiting ones first (oldest first), then the latest decided: all, or one member's. */
export async function listCorrections(courseId: string, documentId: string, options: { proposerId?: string; decided?: number } = {}): Promise<Correction[]> {
  const proposer = options.proposerId ?? null;
  return sql<Correction[]>`
    (SELECT ${columns} FROM corrections c JOIN users u ON u.id = c.proposer_id
     WHERE c.course_id = ${courseId} AND c.document_id = ${documentId} AND c.status = 'pending' AND (${proposer}::uuid IS NULL OR c.proposer_id = ${proposer})
     ORDER BY c.created_at)
    UNION ALL
    (SELECT ${columns} FROM corrections c JOIN users u ON u.id = c.proposer_id
     WHERE c.course_id = ${courseId} AND c.document_id = ${documentId} AND c.status <> 'pending' AND (${proposer}::uuid IS NULL OR c.proposer_id = ${proposer})
     ORDER BY c.decided_at DESC LIMIT ${options.decided ?? 30})`;
}

const columns = sql`c.id, c.document_id AS "documentId", c.version, c.selectors, c.quote, c.proposed, c.reason, c.proposer_id AS "proposerId",
  u.display_name AS "proposerName", c.status, c.decided_at AS "decidedAt", c.decision_reason AS "decisionReason",
  c.accepted_text AS "acceptedText", c.published_version AS "publishedVersion", c.created_at AS "createdAt"`;

/** The waiting suggestions among `ids`, locked until the transaction ends (two instructors deciding at once decide once). */
export async function lockPending(tx: Transaction, courseId: string, documentId: string, ids: readonly string[]): Promise<Correction[]> {
  return tx<Correction[]>`
    SELECT ${columns} FROM corrections c JOIN users u ON u.id = c.proposer_id
    WHERE c.course_id = ${courseId} AND c.document_id = ${documentId} AND c.status = 'pending' AND c.id = ANY(${tx.array([...ids])}::uuid[])
    ORDER BY c.created_at
    FOR UPDATE OF c`;
}

export async function markAccepted(tx: Transaction, accepted: readonly { id: string; text: string }[], by: string, version: number) {
  for (const a of accepted) {
    await tx`UPDATE corrections SET status = 'accepted', decided_by = ${by}, decided_at = now(), accepted_text = ${a.text}, published_version = ${version} WHERE id = ${a.id}`;
  }
}

export async function markRejected(tx: Transaction, id: string, by: string, reason: string) {
  await tx`UPDATE corrections SET status = 'rejected', decided_by = ${by}, decided_at = now(), decision_reason = ${reason} WHERE id = ${id}`;
}

/** For the reader's header: suggestions waiting on a source, and how many a member has made to it. */
export async function correctionCounts(courseId: string, documentId: string, userId: string): Promise<{ waiting: number; mine: number }> {
  const [row] = await sql<{ waiting: number; mine: number }[]>`
    SELECT count(*) FILTER (WHERE status = 'pending')::int AS waiting, count(*) FILTER (WHERE proposer_id = ${userId})::int AS mine
    FROM corrections WHERE course_id = ${courseId} AND document_id = ${documentId}`;
  return row!;
}
