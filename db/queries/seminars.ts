/** Seminars (migration 023): the live session of a course, who joined it, and what it kept. */
import { sql } from '../sql';
import { announce } from './notifications';

export interface Seminar {
  id: string;
  courseId: string;
  documentId: string;
  documentTitle: string;
  /** The compare view's second source, when it is led there. */
  compareWith: string | null;
  compareTitle: string | null;
  ledBy: string | null;
  leaderName: string | null;
  startedAt: Date;
  endedAt: Date | null;
  /** The board thread (`<author>:<id>`) its record was posted as. */
  postedThread: string | null;
}

const seminarColumns = sql`
  s.id, s.course_id AS "courseId", s.document_id AS "documentId", d.title AS "documentTitle",
  s.compare_with AS "compareWith", w.title AS "compareTitle", s.led_by AS "ledBy", u.display_name AS "leaderName",
  s.started_at AS "startedAt", s.ended_at AS "endedAt", s.posted_thread AS "postedThread"`;

/** The course's live seminar, if one runs. */
export async function liveSeminar(courseId: string): Promise<Seminar | null> {
  const [row] = await sql<Seminar[]>`
    SELECT ${seminarColumns} FROM seminars s
    JOIN documents d ON d.id = s.document_id LEFT JOIN documents w ON w.id = s.compare_with LEFT JOIN users u ON u.id = s.led_by
    WHERE s.course_id = ${courseId} AND s.ended_at IS NULL`;
  return row ?? null;
}

export async function getSeminar(courseId: string, seminarId: string): Promise<Seminar | null> {
  const [row] = await sql<Seminar[]>`
    SELECT ${seminarColumns} FROM seminars s
    JOIN documents d ON d.id = s.document_id LEFT JOIN documents w ON w.id = s.compare_with LEFT JOIN users u ON u.id = s.led_by
    WHERE s.course_id = ${courseId} AND s.id = ${seminarId}`;
  return row ?? null;
}

const membersOf = async (courseId: string) => (await sql<{ id: string }[]>`SELECT user_id AS id FROM memberships WHERE course_id = ${courseId}`).map((m) => m.id);

export type StartResult = { ok: true; id: string } | { ok: false; status: 400 | 409; error: string };

/**
 * Starts a seminar on a source of the course (or two, for the compare view) led by `userId`, and tells every
 * member's open pages. Refused while another runs: at most one per course (a unique index decides, so two
 * instructors starting at once cannot both succeed).
 */
export async function startSeminar(input: { courseId: string; userId: string; documentId: string; compareWith: string | null }): Promise<StartResult> {
  const wanted = [input.documentId, ...(input.compareWith ? [input.compareWith] : [])];
  const found = await sql<{ id: string }[]>`
    SELECT document_id AS id FROM course_documents WHERE course_id = ${input.courseId} AND document_id = ANY(${sql.array(wanted)}::uuid[]) AND archived_at IS NULL`;
  if (found.length !== new Set(wanted).size) return { ok: false, status: 400, error: 'This course has no such source to lead a seminar on.' };
  try {
    const id = await sql.begin(async (tx) => {
      const [row] = await tx<{ id: string }[]>`
        INSERT INTO seminars (course_id, document_id, compare_with, led_by) VALUES (${input.courseId}, ${input.documentId}, ${input.compareWith}, ${input.userId}) RETURNING id`;
      await tx`INSERT INTO seminar_attendance (seminar_id, user_id) VALUES (${row!.id}, ${input.userId})`;
      return row!.id;
    });
    await announce(sql, await membersOf(input.courseId), 'seminar');
    return { ok: true, id };
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return { ok: false, status: 409, error: 'A seminar is already live in this course: join it, or end it first.' };
    throw error;
  }
}

/** Ends the course's seminar `seminarId` if it is live; tells every member's open pages. */
export async function endSeminar(courseId: string, seminarId: string): Promise<boolean> {
  const ended = await sql`UPDATE seminars SET ended_at = now() WHERE course_id = ${courseId} AND id = ${seminarId} AND ended_at IS NULL`;
  if (ended.count === 0) return false;
  await announce(sql, await membersOf(courseId), 'seminar');
  return true;
}

/** Records that `userId` joined the live seminar (once; the first time is kept). */
export async function joinSeminar(seminarId: string, userId: string): Promise<void> {
  await sql`INSERT INTO seminar_attendance (seminar_id, user_id) VALUES (${seminarId}, ${userId}) ON CONFLICT DO NOTHING`;
}

export interface Attendee {
  userId: string;
  name: string;
  role: string;
  joinedAt: Date;
}

/** Who joined the seminar, in the order they joined. */
export function seminarAttendance(seminarId: string): Promise<Attendee[]> {
  return sql<Attendee[]>`
    SELECT a.user_id AS "userId", u.display_name AS name, coalesce(m.role, 'student') AS role, a.joined_at AS "joinedAt"
    FROM seminar_attendance a JOIN users u ON u.id = a.user_id
    JOIN seminars s ON s.id = a.seminar_id LEFT JOIN memberships m ON m.course_id = s.course_id AND m.user_id = a.user_id
    WHERE a.seminar_id = ${seminarId} ORDER BY a.joined_at, u.display_name`;
}

export interface SpotlightRecord {
  id: string;
  at: Date;
  /** Null: the spotlight was cleared. */
  target: { type: 'passage' | 'note' | 'link'; documentId?: string; quote: string } | null;
  sourceTitle: string | null;
  byName: string | null;
}

/** What was spotlighted during the seminar, and when, oldest first. */
export function seminarSpotlights(seminarId: string): Promise<SpotlightRecord[]> {
  return sql<SpotlightRecord[]>`
    SELECT sp.id, sp.at, sp.target, d.title AS "sourceTitle", u.display_name AS "byName"
    FROM seminar_spotlights sp LEFT JOIN users u ON u.id = sp.author_id
    LEFT JOIN documents d ON d.id::text = sp.target->>'documentId'
    WHERE sp.seminar_id = ${seminarId} ORDER BY sp.at, sp.id`;
}

/** The course's seminars, newest first (their records). */
export function listSeminars(courseId: string): Promise<Seminar[]> {
  return sql<Seminar[]>`
    SELECT ${seminarColumns} FROM seminars s
    JOIN documents d ON d.id = s.document_id LEFT JOIN documents w ON w.id = s.compare_with LEFT JOIN users u ON u.id = s.led_by
    WHERE s.course_id = ${courseId} ORDER BY s.started_at DESC LIMIT 50`;
}

/** Remembers the board thread the record was posted as (so the record page links it rather than offering to post again). */
export async function markRecordPosted(courseId: string, seminarId: string, threadKey: string): Promise<boolean> {
  const done = await sql`UPDATE seminars SET posted_thread = ${threadKey} WHERE course_id = ${courseId} AND id = ${seminarId} AND ended_at IS NOT NULL`;
  return done.count > 0;
}

/** How many questions one member may ask in one seminar. */
export const QUESTIONS_PER_MEMBER = 20;

export interface QuestionRow {
  id: string;
  authorId: string;
  authorName: string;
  anonymous: boolean;
  body: string;
  createdAt: Date;
  answeredAt: Date | null;
  answer: string;
}

/** A seminar's questions with their authors: only for lib/seminar/questions.server.ts, which decides who may see whom. */
export function seminarQuestionRows(seminarId: string): Promise<QuestionRow[]> {
  return sql<QuestionRow[]>`
    SELECT q.id, q.author_id AS "authorId", u.display_name AS "authorName", q.anonymous, q.body, q.created_at AS "createdAt",
      q.answered_at AS "answeredAt", q.answer
    FROM seminar_questions q JOIN users u ON u.id = q.author_id
    WHERE q.seminar_id = ${seminarId} ORDER BY q.created_at, q.id`;
}

export type AskResult = { ok: true } | { ok: false; error: string };

/** Records a question in a live seminar, within the member's allowance; tells the course's open pages. */
export async function askQuestion(input: { courseId: string; seminarId: string; userId: string; body: string; anonymous: boolean }): Promise<AskResult> {
  const asked = await sql.begin(async (tx) => {
    // One member's questions are counted under a lock of theirs, so two at once cannot both pass the limit.
    await tx`SELECT pg_advisory_xact_lock(hashtext(${`question:${input.seminarId}:${input.userId}`}))`;
    const [asked] = await tx<{ n: number }[]>`SELECT count(*)::int AS n FROM seminar_questions WHERE seminar_id = ${input.seminarId} AND author_id = ${input.userId}`;
    if (asked!.n >= QUESTIONS_PER_MEMBER) return false;
    await tx`INSERT INTO seminar_questions (seminar_id, author_id, anonymous, body) VALUES (${input.seminarId}, ${input.userId}, ${input.anonymous}, ${input.body})`;
    return true;
  });
  if (!asked) return { ok: false, error: `You have asked ${QUESTIONS_PER_MEMBER} questions in this seminar, which is as many as one member may.` };
  await announce(sql, await membersOf(input.courseId), 'seminar');
  return { ok: true };
}

/** Marks a question answered (with a written answer, or none: answered aloud), or not answered again. */
export async function answerQuestion(input: { courseId: string; seminarId: string; questionId: string; userId: string; answered: boolean; answer: string }): Promise<boolean> {
  const done = await sql`
    UPDATE seminar_questions q SET answered_at = ${input.answered ? sql`now()` : null}, answer = ${input.answered ? input.answer : ''}, answered_by = ${input.answered ? input.userId : null}
    FROM seminars s WHERE s.id = q.seminar_id AND s.course_id = ${input.courseId} AND q.seminar_id = ${input.seminarId} AND q.id = ${input.questionId}`;
  if (done.count === 0) return false;
  await announce(sql, await membersOf(input.courseId), 'seminar');
  return true;
}

export async function instructorsSeeAskers(courseId: string): Promise<boolean> {
  const [row] = await sql<{ open: boolean }[]>`SELECT instructors_see_askers AS open FROM courses WHERE id = ${courseId}`;
  return row?.open ?? false;
}

export async function setInstructorsSeeAskers(courseId: string, open: boolean) {
  await sql`UPDATE courses SET instructors_see_askers = ${open} WHERE id = ${courseId}`;
}
