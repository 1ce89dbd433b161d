import type { CaseRow, CourseCase } from '~/lib/cases';
import { sql, type Transaction } from '../sql';

/** The course's cases in their order. */
export async function listCourseCases(courseId: string, tx: Transaction | typeof sql = sql): Promise<CourseCase[]> {
  return tx<CourseCase[]>`SELECT id, title, summary, colour FROM course_cases WHERE course_id = ${courseId} ORDER BY position, title`;
}

/**
 * Makes the course's cases these rows, in this order: rows with an id (of this course) are updated,
 * rows without are added, and the course's other cases are removed (their sources then speak to every
 * case). Returns the cases as stored.
 */
export async function saveCourseCases(courseId: string, rows: CaseRow[], tx?: Transaction): Promise<CourseCase[]> {
  const work = async (tx: Transaction) => {
    const kept = rows.map((r) => r.id).filter((id): id is string => id !== undefined);
    await tx`DELETE FROM course_cases WHERE course_id = ${courseId} AND NOT (id = ANY(${tx.array(kept)}::uuid[]))`;
    for (const [i, row] of rows.entries()) {
      if (row.id) {
        await tx`UPDATE course_cases SET title = ${row.title}, summary = ${row.summary}, colour = ${row.colour}, position = ${i + 1}
                 WHERE id = ${row.id} AND course_id = ${courseId}`;
      } else {
        await tx`INSERT INTO course_cases (course_id, title, summary, colour, position) VALUES (${courseId}, ${row.title}, ${row.summary}, ${row.colour}, ${i + 1})`;
      }
    }
    return listCourseCases(courseId, tx);
  };
  return tx ? work(tx) : sql.begin(work);
}
