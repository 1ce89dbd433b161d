import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../db/sql';
import { startApp, type RunningApp } from '../helpers/app-server';
import { Client } from '../helpers/browserless-client';
import { TWO_CASES_FORM } from '../helpers/cases';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp({ DATABASE_URL: process.env.DATABASE_URL });
});
afterAll(async () => {
  await app?.stop();
});

let counter = 0;
async function person(name: string) {
  const client = new Client(app.baseUrl);
  const email = `${name.toLowerCase()}${++counter}@example.org`;
  const res = await client.signUp({ email, displayName: name, password: 'long enough password' });
  expect(res.status).toBe(302);
  const [row] = await sql<{ id: string }[]>`SELECT id FROM users WHERE email = ${email}`;
  return Object.assign(client, { id: row!.id, email });
}

async function courseOf(instructor: Client, title = 'Leadership crises') {
  const res = await instructor.post('/courses/new', { title, term: 'Spring 2027', ...TWO_CASES_FORM });
  expect(res.status).toBe(302);
  const courseId = res.headers.get('location')!.split('/')[2]!;
  const [row] = await sql<{ join_code: string }[]>`SELECT join_code FROM courses WHERE id = ${courseId}`;
  return { courseId, joinCode: row!.join_code };
}

describe('courses', () => {
  it('an instructor creates a course and sees its join code and link', async () => {
    const teacher = await person('Teacher');
    const { courseId, joinCode } = await courseOf(teacher);
    expect(joinCode).toMatch(/^[A-Z2-9]{8}$/);
    const page = await teacher.get(`/c/${courseId}/members?created=1`);
    const html = await page.text();
    expect(html).toContain(joinCode);
    expect(html).toContain(`/join/${joinCode}`);
  });

  it('a student joins with the code (typed loosely) and becomes a student', async () => {
    const teacher = await person('Teacher');
    const student = await person('Student');
    const { courseId, joinCode } = await courseOf(teacher);
    const loose = ` ${joinCode.slice(0, 4).toLowerCase()}-${joinCode.slice(4)} `;
    const res = await student.post('/join', { code: loose });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/c/${courseId}`);
    const [m] = await sql`SELECT role FROM memberships WHERE course_id = ${courseId} AND user_id = ${student.id}`;
    expect(m!.role).toBe('student');
    expect((await student.get(`/c/${courseId}`)).status).toBe(200);
  });

  it('only instructors receive the join code: a student’s pages and their data never carry it', async () => {
    const teacher = await person('Teacher');
    const student = await person('Student');
    const { courseId, joinCode } = await courseOf(teacher);
    await student.post('/join', { code: joinCode });
    for (const path of ['/', `/c/${courseId}`, `/c/${courseId}/board`, `/c/${courseId}/assignments`, '/_root.data', `/c/${courseId}.data`]) {
      const res = await student.get(path);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).not.toContain(joinCode);
    }
    expect(await (await teacher.get(`/c/${courseId}/members`)).text()).toContain(joinCode);
  });

  it('a bad join code says so and joins nothing', async () => {
    const student = await person('Student');
    const res = await student.post('/join', { code: 'NOPE2345' });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('No course has that join code');
    const rows = await sql`SELECT 1 FROM memberships WHERE user_id = ${student.id}`;
    expect(rows).toHaveLength(0);
  });

  it('a join link shows the course and joins only on POST', async () => {
    const teacher = await person('Teacher');
    const student = await person('Student');
    const { courseId, joinCode } = await courseOf(teacher, 'Seminar on plenums');
    const page = await student.get(`/join/${joinCode}`);
    expect(await page.text()).toContain('Join “Seminar on plenums”');
    expect(await sql`SELECT 1 FROM memberships WHERE user_id = ${student.id}`).toHaveLength(0);
    await student.post('/join', { code: joinCode });
    expect(await sql`SELECT 1 FROM memberships WHERE course_id = ${courseId} AND user_id = ${student.id}`).toHaveLength(1);
  });

  it('a join link opened signed out says, on sign-in and sign-up, which course it joins', async () => {
    const teacher = await person('Teacher');
    const { joinCode } = await courseOf(teacher, 'Seminar on succession crises');
    const stranger = new Client(app.baseUrl);
    const res = await stranger.get(`/join/${joinCode}`);
    expect(res.status).toBe(302);
    const signIn = res.headers.get('location')!;
    expect(signIn).toBe(`/signin?redirectTo=${encodeURIComponent(`/join/${joinCode}`)}`);
    expect(await (await stranger.get(signIn)).text()).toContain('Sign in to join “Seminar on succession crises”');
    expect(await (await stranger.get(signIn.replace('/signin', '/signup'))).text()).toContain('Create an account to join “Seminar on succession crises”');
    // A wrong code names nothing.
    expect(await (await stranger.get(`/signin?redirectTo=${encodeURIComponent('/join/NOTACODE')}`)).text()).not.toContain(' to join “');
  });

  it('a non-member gets 404 for every course URL, without the title', async () => {
    const teacher = await person('Teacher');
    const outsider = await person('Outsider');
    const { courseId } = await courseOf(teacher, 'Secret seminar title');
    for (const path of [`/c/${courseId}`, `/c/${courseId}/members`, `/c/${courseId}/sources/new`, `/c/${courseId}/d/${crypto.randomUUID()}`]) {
      const res = await outsider.get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('Secret seminar title');
    }
    const post = await outsider.post(`/c/${courseId}/members`, { intent: 'rotate-code' });
    expect(post.status).toBe(404);
    // Not a UUID, or no such course: the same answer.
    expect((await outsider.get('/c/not-a-course')).status).toBe(404);
  });

  it('a signed-out visitor is sent to sign in, and comes back afterwards', async () => {
    const teacher = await person('Teacher');
    const { courseId } = await courseOf(teacher);
    const res = await new Client(app.baseUrl).get(`/c/${courseId}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/signin?redirectTo=${encodeURIComponent(`/c/${courseId}`)}`);
  });

  it('a student calling an instructor action gets 403 and changes nothing', async () => {
    const teacher = await person('Teacher');
    const student = await person('Student');
    const { courseId, joinCode } = await courseOf(teacher);
    await student.post('/join', { code: joinCode });
    expect((await student.get(`/c/${courseId}/members`)).status).toBe(403);
    const rotate = await student.post(`/c/${courseId}/members`, { intent: 'rotate-code' });
    expect(rotate.status).toBe(403);
    const promote = await student.post(`/c/${courseId}/members`, { intent: 'set-role', userId: student.id, role: 'instructor' });
    expect(promote.status).toBe(403);
    const [c] = await sql`SELECT join_code FROM courses WHERE id = ${courseId}`;
    expect(c!.join_code).toBe(joinCode);
    const [m] = await sql`SELECT role FROM memberships WHERE course_id = ${courseId} AND user_id = ${student.id}`;
    expect(m!.role).toBe('student');
  });

  it('the instructor changes a role, removes a member, and rotates the code', async () => {
    const teacher = await person('Teacher');
    const ta = await person('Assistant');
    const student = await person('Student');
    const { courseId, joinCode } = await courseOf(teacher);
    await ta.post('/join', { code: joinCode });
    await student.post('/join', { code: joinCode });

    const list = await (await teacher.get(`/c/${courseId}/members`)).text();
    expect(list).toContain('Assistant');
    expect(list).toContain('Student');

    expect((await teacher.post(`/c/${courseId}/members`, { intent: 'set-role', userId: ta.id, role: 'instructor' })).status).toBe(200);
    expect((await ta.get(`/c/${courseId}/members`)).status).toBe(200);

    expect((await teacher.post(`/c/${courseId}/members`, { intent: 'remove', userId: student.id })).status).toBe(200);
    expect((await student.get(`/c/${courseId}`)).status).toBe(404);

    const rotated = await teacher.post(`/c/${courseId}/members`, { intent: 'rotate-code' });
    expect(await rotated.text()).toContain('The old code and link no longer work');
    const latecomer = await person('Latecomer');
    expect((await latecomer.post('/join', { code: joinCode })).status).toBe(404);
    const [c] = await sql<{ join_code: string }[]>`SELECT join_code FROM courses WHERE id = ${courseId}`;
    expect(c!.join_code).not.toBe(joinCode);
    expect((await latecomer.post('/join', { code: c!.join_code })).status).toBe(302);
  });

  it('refuses to leave a course without an instructor', async () => {
    const teacher = await person('Teacher');
    const { courseId } = await courseOf(teacher);
    const res = await teacher.post(`/c/${courseId}/members`, { intent: 'set-role', userId: teacher.id, role: 'student' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('A course needs at least one instructor');
    const [m] = await sql`SELECT role FROM memberships WHERE course_id = ${courseId} AND user_id = ${teacher.id}`;
    expect(m!.role).toBe('instructor');
  });

  it('a new course needs a title and a term', async () => {
    const teacher = await person('Teacher');
    const res = await teacher.post('/courses/new', { title: '  ', term: '' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Title is required');
    expect(html).toContain('Term is required');
  });
});
