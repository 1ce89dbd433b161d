import { isUuid } from '~/lib/rooms/ids';
import { randomInt } from 'node:crypto';
import { sql } from '../sql';
import { announceAccessChange } from './access-changes';
import { saveCourseCases } from './cases';
import type { CaseRow } from '~/lib/cases';

export type Role = 'instructor' | 'student';

export interface Course {
  id: string;
  title: string;
  term: string;
  /** Instructors only: a student who has it could pass it on after it was changed. */
  joinCode: string | null;
}

export interface Member {
  userId: string;
  displayName: string;
  email: string;
  role: Role;
  joinedAt: Date;
}

// No 0/O, 1/I/L: join codes are read aloud and typed from a projector.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newJoinCode(): string {
  return Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

/** Normalises what a student typed: case, spaces and dashes do not matter. */
export function normaliseJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** A course, its instructor, and the cases it compares. */
export async function createCourse(input: { title: string; term: string; instructorId: string; cases: CaseRow[] }): Promise<Course> {
  return sql.begin(async (tx) => {
    const [course] = await tx<Course[]>`
      INSERT INTO courses (title, term, join_code, created_by)
      VALUES (${input.title}, ${input.term}, ${newJoinCode()}, ${input.instructorId})
      RETURNING id, title, term, join_code AS "joinCode"`;
    await tx`INSERT INTO memberships (course_id, user_id, role) VALUES (${course!.id}, ${input.instructorId}, 'instructor')`;
    await saveCourseCases(course!.id, input.cases, tx);
    return course!;
  });
}

/** The course's join code for instructors (`m` the membership, `c` the course), null for students. */
const joinCodeFor = () => sql`CASE WHEN m.role = 'instructor' THEN c.join_code END`;

export async function getMembership(input: { courseId: string; userId: string }) {
  if (!isUuid(input.courseId)) return null;
  const [row] = await sql<(Course & { role: Role })[]>`
    SELECT c.id, c.title, c.term, ${joinCodeFor()} AS "joinCode", m.role
    FROM memberships m JOIN courses c ON c.id = m.course_id
    WHERE m.course_id = ${input.courseId} AND m.user_id = ${input.userId}`;
  if (!row) return null;
  const { role, ...course } = row;
  return { role, course };
}

export async function listCoursesOf(userId: string) {
  return sql<(Course & { role: Role; members: number; documents: number })[]>`
    SELECT c.id, c.title, c.term, ${joinCodeFor()} AS "joinCode", m.role,
      (SELECT count(*)::int FROM memberships x WHERE x.course_id = c.id) AS members,
      (SELECT count(*)::int FROM course_documents d WHERE d.course_id = c.id) AS documents
    FROM memberships m JOIN courses c ON c.id = m.course_id
    WHERE m.user_id = ${userId}
    ORDER BY c.created_at DESC`;
}

export async function findCourseByJoinCode(code: string) {
  const [row] = await sql<Pick<Course, 'id' | 'title' | 'term'>[]>`
    SELECT id, title, term FROM courses WHERE join_code = ${normaliseJoinCode(code)}`;
  return row ?? null;
}

/** Joins the course as a student; an existing member keeps their role. */
export async function joinCourse(input: { courseId: string; userId: string }) {
  await sql`
    INSERT INTO memberships (course_id, user_id, role) VALUES (${input.courseId}, ${input.userId}, 'student')
    ON CONFLICT DO NOTHING`;
}

export async function listMembers(courseId: string): Promise<Member[]> {
  return sql<Member[]>`
    SELECT u.id AS "userId", u.display_name AS "displayName", u.email, m.role, m.joined_at AS "joinedAt"
    FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.course_id = ${courseId}
    ORDER BY m.role, lower(u.display_name)`;
}

export class LastInstructorError extends Error {
  constructor() {
    super('A course needs at least one instructor');
  }
}

/**
 * Changes a member's role, or removes them (role null). Refuses to leave the course without an
 * instructor. Returns false when the user is not a member.
 */
export async function setMemberRole(input: { courseId: string; userId: string; role: Role | null }): Promise<boolean> {
  return sql.begin(async (tx) => {
    // Lock the course's memberships so two instructors demoting each other cannot both succeed.
    const members = await tx<{ user_id: string; role: Role }[]>`
      SELECT user_id, role FROM memberships WHERE course_id = ${input.courseId} FOR UPDATE`;
    const target = members.find((m) => m.user_id === input.userId);
    if (!target) return false;
    const instructorsAfter = members.filter((m) =>
      m.user_id === input.userId ? input.role === 'instructor' : m.role === 'instructor',
    ).length;
    if (instructorsAfter === 0) throw new LastInstructorError();
    if (input.role === null) {
      await tx`DELETE FROM memberships WHERE course_id = ${input.courseId} AND user_id = ${input.userId}`;
    } else {
      await tx`UPDATE memberships SET role = ${input.role} WHERE course_id = ${input.courseId} AND user_id = ${input.userId}`;
    }
    await announceAccessChange(tx, input.userId);
    return true;
  });
}

export async function rotateJoinCode(courseId: string): Promise<string> {
  const code = newJoinCode();
  await sql`UPDATE courses SET join_code = ${code} WHERE id = ${courseId}`;
  return code;
}

/** The relations the course's evidence links may name, in the order its instructors set. */
export async function linkRelations(courseId: string): Promise<string[]> {
  const [row] = await sql<{ link_relations: string[] }[]>`SELECT link_relations FROM courses WHERE id = ${courseId}`;
  return row?.link_relations ?? [];
}

export async function setLinkRelations(courseId: string, relations: string[]) {
  await sql`UPDATE courses SET link_relations = ${sql.array(relations)}::text[] WHERE id = ${courseId}`;
}

/** Whether the course's students may add people and spellings to its people index (instructors always may). */
export async function studentsEditPeople(courseId: string): Promise<boolean> {
  const [row] = await sql<{ open: boolean }[]>`SELECT students_edit_people AS open FROM courses WHERE id = ${courseId}`;
  return row?.open ?? false;
}

export async function setStudentsEditPeople(courseId: string, open: boolean) {
  await sql`UPDATE courses SET students_edit_people = ${open} WHERE id = ${courseId}`;
}
