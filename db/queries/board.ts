import { sql } from '../sql';

/** When the user last read each thread of the course's board. */
export async function boardReads(courseId: string, userId: string): Promise<Record<string, number>> {
  const rows = await sql<{ thread_key: string; read_at: Date }[]>`
    SELECT thread_key, read_at FROM board_reads WHERE course_id = ${courseId} AND user_id = ${userId}`;
  return Object.fromEntries(rows.map((r) => [r.thread_key, r.read_at.getTime()]));
}

export async function markThreadRead(courseId: string, userId: string, threadKey: string): Promise<void> {
  await sql`
    INSERT INTO board_reads (course_id, user_id, thread_key) VALUES (${courseId}, ${userId}, ${threadKey})
    ON CONFLICT (course_id, user_id, thread_key) DO UPDATE SET read_at = now()`;
}
