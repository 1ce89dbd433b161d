/**
 * A seminar's questions as one member may see them. The one place that decides whose name goes with a
 * question: an anonymous question's asker is never named to a classmate, and to instructors only when the
 * course says so (`instructors_see_askers`); the asker sees their own as theirs. Nothing else of the
 * author (no id) leaves the server. docs/seminar-mode.md.
 */
import { instructorsSeeAskers, seminarQuestionRows } from '../../../db/queries/seminars';

export interface QuestionView {
  id: string;
  body: string;
  /** The asker's name, or null: asked anonymously (and not to be named to this viewer). */
  asker: string | null;
  anonymous: boolean;
  mine: boolean;
  createdAt: string;
  answered: boolean;
  answer: string;
}

export async function questionsFor(courseId: string, seminarId: string, viewer: { id: string; role: string }): Promise<{ questions: QuestionView[]; namedToInstructors: boolean }> {
  const [rows, named] = await Promise.all([seminarQuestionRows(seminarId), instructorsSeeAskers(courseId)]);
  const seesAskers = viewer.role === 'instructor' && named;
  return {
    namedToInstructors: named,
    questions: rows.map((q) => ({
      id: q.id,
      body: q.body,
      asker: !q.anonymous || seesAskers || q.authorId === viewer.id ? q.authorName : null,
      anonymous: q.anonymous,
      mine: q.authorId === viewer.id,
      createdAt: q.createdAt.toISOString(),
      answered: q.answeredAt !== null,
      answer: q.answer,
    })),
  };
}
