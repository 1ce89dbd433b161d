/** The timeline's projected events (migration 017) and the day each case's crisis began. */
import { sql } from '../sql';

export interface TimelineEventRecord {
  authorId: string;
  id: string;
  label: string;
  start: string;
  end: string | null;
  precision: 'day' | 'month' | 'year';
  caseId: string | null;
  people: string[];
  target: unknown;
  source: string;
  block: number;
  createdAt: Date;
  updatedAt: Date;
  hidden: boolean;
  hiddenReason: string | null;
}

/**
 * The events a member may see, by date: not deleted; a hidden one only for its author and instructors.
 * `documentId`: only those made from a passage of that source.
 */
export async function visibleTimelineEvents(input: { courseId: string; userId: string; isInstructor: boolean; documentId?: string }): Promise<TimelineEventRecord[]> {
  return sql<TimelineEventRecord[]>`
    SELECT author_id AS "authorId", id, label, to_char(start_date, 'YYYY-MM-DD') AS start, to_char(end_date, 'YYYY-MM-DD') AS "end", precision,
           case_id AS "caseId", people::text[] AS people, target, source, block, created_at AS "createdAt", updated_at AS "updatedAt",
           hidden, hidden_reason AS "hiddenReason"
    FROM timeline_events
    WHERE course_id = ${input.courseId} AND NOT deleted AND (NOT hidden OR author_id = ${input.userId} OR ${input.isInstructor})
      AND (${input.documentId ?? null}::uuid IS NULL OR source = ${input.documentId ?? null})
    ORDER BY start_date, created_at`;
}

/** The day each of the course's cases' crises began (null: not set), by case id. */
export async function crisisDates(courseId: string): Promise<Record<string, string | null>> {
  const rows = await sql<{ id: string; date: string | null }[]>`SELECT id, to_char(crisis_date, 'YYYY-MM-DD') AS date FROM course_cases WHERE course_id = ${courseId}`;
  return Object.fromEntries(rows.map((r) => [r.id, r.date]));
}

export async function setCrisisDate(courseId: string, caseId: string, date: string | null): Promise<boolean> {
  const rows = await sql`UPDATE course_cases SET crisis_date = ${date}::date WHERE course_id = ${courseId} AND id = ${caseId}`;
  return rows.count === 1;
}
