/** Rows for tests, written with the app's own query functions (no HTTP round trips). */
import { readFile } from 'node:fs/promises';
import { readSpelling } from '~/lib/people/spellings';
import { listCourseCases } from '../../db/queries/cases';
import { TEST_CASES } from './cases';
import { createCourse, joinCourse, setMemberRole, type Role } from '../../db/queries/courses';
import { importDocument } from '~/lib/sources/import.server';
import { createUser } from '../../db/queries/users';
import { createSession } from '~/lib/session.server';

let counter = 0;

export interface TestMember {
  id: string;
  name: string;
  cookie: string;
  sessionId: string;
}

export async function createMember(name: string): Promise<TestMember> {
  const n = ++counter;
  const user = await createUser({ email: `${name.toLowerCase().replace(/\W/g, '')}${n}-${Date.now()}@example.org`, displayName: name, passwordHash: 'not-used' });
  const { token, session } = await createSession(user!.id);
  return { id: user!.id, name, cookie: `plenum_session=${encodeURIComponent(token)}`, sessionId: session.id };
}

/** A course with an instructor, the given students, and one document. */
export async function createSeminar(studentNames: string[] = ['Ana', 'Ben']) {
  const instructor = await createMember('Instructor');
  const course = await createCourse({ title: 'Sync seminar', term: 'Test', instructorId: instructor.id, cases: TEST_CASES });
  const cases = await listCourseCases(course.id);
  const students: TestMember[] = [];
  for (const name of studentNames) {
    const student = await createMember(name);
    await joinCourse({ courseId: course.id, userId: student.id });
    students.push(student);
  }
  const { documentId } = await importDocument({
    meta: { slug: `doc-${course.id}`, title: 'Cable', kind: 'primary', genre: '', date: null, origin: '', textNote: '' },
    caseId: cases[1]!.id,
    text: 'Today, 22 September, a meeting was held.\n\nCde. Kim Il Sung passed us the draft.\n',
    createdBy: instructor.id,
    courseId: course.id,
  });
  return { course, instructor, students, documentId, cases };
}

export async function setRole(courseId: string, userId: string, role: Role | null) {
  await setMemberRole({ courseId, userId, role });
}

/** Imports one of the demo corpus's sources (db/seed/sources/<file>) into a seminar's course, in its `caseIndex`th case. */
export async function importCorpusSource(seminar: { course: { id: string }; instructor: TestMember; cases: { id: string }[] }, file: string, title: string, caseIndex: number | null) {
  const { documentId } = await importDocument({
    meta: { slug: `${file.replace(/\.txt$/, '')}-${seminar.course.id}`, title, kind: 'primary', genre: '', date: null, origin: '', textNote: '' },
    text: await readFile(new URL(`../../db/seed/sources/${file}`, import.meta.url), 'utf8'),
    createdBy: seminar.instructor.id,
    courseId: seminar.course.id,
    caseId: caseIndex === null ? null : seminar.cases[caseIndex]!.id,
  });
  return documentId;
}

/** A person's spelling, read as the People pages read it (throws on one they would refuse). */
export function spellingOf(raw: string) {
  const read = readSpelling(raw);
  if (!read.ok) throw new Error(read.error);
  return { spelling: read.spelling, norm: read.norm };
}
