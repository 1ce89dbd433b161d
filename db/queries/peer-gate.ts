/** What "compare first, then see the class" reads (migration 018, app/lib/compare/peer-gate.server.ts). */
import { sql } from '../sql';

export interface ClosedGate {
  assignmentId: string;
  title: string;
  /** Cross-case links it asks for, and how many the member has made. */
  needed: number;
  made: number;
  documents: string[];
}

/**
 * The published compare assignments with the peer gate whose links `userId` has not yet made: links of
 * theirs, not deleted or hidden, whose ends are on sources of two different cases of the course (or one on
 * a source of every case: the rule the link dialog and assignments use).
 */
export async function closedPeerGates(courseId: string, userId: string): Promise<ClosedGate[]> {
  return sql<ClosedGate[]>`
    WITH made AS (
      SELECT count(*)::int AS n FROM evidence_links l
      JOIN course_documents ca ON ca.course_id = l.course_id AND ca.document_id = l.source_a
      JOIN course_documents cb ON cb.course_id = l.course_id AND cb.document_id = l.source_b
      WHERE l.course_id = ${courseId} AND l.author_id = ${userId} AND NOT l.deleted AND NOT l.hidden
        AND (ca.case_id IS NULL OR cb.case_id IS NULL OR ca.case_id <> cb.case_id)
    )
    SELECT a.id AS "assignmentId", a.title, greatest(a.min_links, 1) AS needed, made.n AS made,
           array(SELECT d.document_id::text FROM assignment_documents d WHERE d.assignment_id = a.id) AS documents
    FROM assignments a, made
    WHERE a.course_id = ${courseId} AND a.kind = 'compare' AND a.peer_gate AND a.published_at IS NOT NULL
      AND made.n < greatest(a.min_links, 1)
    ORDER BY a.due_at`;
}

/** The course's instructors: their work is never hidden. */
export async function instructorIdsOf(courseId: string): Promise<string[]> {
  const rows = await sql<{ user_id: string }[]>`SELECT user_id FROM memberships WHERE course_id = ${courseId} AND role = 'instructor'`;
  return rows.map((r) => r.user_id);
}
