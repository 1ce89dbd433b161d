import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../db/sql';
import { startApp, type RunningApp } from '../helpers/app-server';
import { Client } from '../helpers/browserless-client';
import { TWO_CASES_FORM } from '../helpers/cases';

let app: RunningApp;
let counter = 0;
beforeAll(async () => {
  app = await startApp({ DATABASE_URL: process.env.DATABASE_URL });
});
afterAll(async () => {
  await app?.stop();
});

/** Server-rendered HTML without React's text-boundary comments. */
const pageHtml = async (res: Response) => (await res.text()).replaceAll('<!-- -->', '');

async function person(name: string) {
  const client = new Client(app.baseUrl);
  await client.signUp({ email: `${name.toLowerCase()}${++counter}-cases@example.org`, displayName: name, password: 'long enough password' });
  return client;
}

const THREE_CASES = {
  caseCount: '3',
  'case-0-title': 'Budapest, 1956',
  'case-0-summary': 'The Hungarian revolution.',
  'case-0-colour': '#6A4C93',
  'case-1-title': 'Moscow, June 1957',
  'case-1-colour': '#9b2c2c',
  'case-2-title': 'Pyongyang, 1956',
  'case-2-colour': '#2c6e63',
};

async function courseWith(teacher: Client, cases: Record<string, string>) {
  const res = await teacher.post('/courses/new', { title: 'Three crises', term: 'Spring', ...cases });
  expect(res.status).toBe(302);
  return res.headers.get('location')!.split('/')[2]!;
}

describe('a course’s cases', () => {
  it('are named when the course is created, and head its sources; nothing of the demo’s cases shows', async () => {
    const teacher = await person('Teacher');
    const courseId = await courseWith(teacher, THREE_CASES);
    const stored = await sql`SELECT title, summary, colour, position FROM course_cases WHERE course_id = ${courseId} ORDER BY position`;
    expect(stored).toEqual([
      { title: 'Budapest, 1956', summary: 'The Hungarian revolution.', colour: '#6a4c93', position: 1 },
      { title: 'Moscow, June 1957', summary: '', colour: '#9b2c2c', position: 2 },
      { title: 'Pyongyang, 1956', summary: '', colour: '#2c6e63', position: 3 },
    ]);
    // The upload form offers them (and "All cases"), never an internal key.
    const upload = await pageHtml(await teacher.get(`/c/${courseId}/sources/new`));
    for (const title of ['Budapest, 1956', 'Moscow, June 1957', 'Pyongyang, 1956', 'All cases']) expect(upload).toContain(title);
    expect(upload).not.toMatch(/soviet-1957|dprk-1956/);
    const form = new FormData();
    for (const [k, v] of Object.entries({ title: 'Radio Budapest', kind: 'primary', caseId: 'budapest, 1956' })) form.set(k, v);
    form.set('file', new Blob(['Radio Budapest calls.\n'], { type: 'text/plain' }), 'radio.txt');
    const added = await teacher.post(`/c/${courseId}/sources/new`, form);
    expect(added.status).toBe(302);
    const home = await pageHtml(await teacher.get(`/c/${courseId}`));
    expect(home).toMatch(/<h2 id="case-[0-9a-f-]{36}">Budapest, 1956<\/h2><p class="case-summary">The Hungarian revolution.<\/p>/);
    expect(home).toContain('Radio Budapest');
    expect(home).not.toMatch(/soviet-1957|dprk-1956|anti-party group/);
  });

  it('the new-course form reports every problem at once, adds and removes rows without creating anything', async () => {
    const teacher = await person('Teacher');
    const before = (await sql`SELECT count(*)::int AS n FROM courses`)[0]!.n;
    const bad = await teacher.post('/courses/new', { title: '', term: 'Spring', caseCount: '2', 'case-0-title': 'Moscow', 'case-0-colour': '#9b2c2c', 'case-1-title': ' moscow ', 'case-1-colour': 'red' });
    expect(bad.status).toBe(400);
    const html = await pageHtml(bad);
    expect(html).toContain('Title is required');
    expect(html).toContain('Two cases have this name: give each its own.');
    expect(html).toContain('Choose a colour');
    const one = await pageHtml(await teacher.post('/courses/new', { title: 'T', term: 'S', caseCount: '1', 'case-0-title': 'Moscow', 'case-0-colour': '#9b2c2c' }));
    expect(one).toContain('A course compares at least 2 cases: name them.');
    // "Add a case": the same form back with a third row, and what was typed kept.
    const more = await pageHtml(await teacher.post('/courses/new', { title: 'Kept title', term: 'S', ...TWO_CASES_FORM, intent: 'add-case' }));
    expect(more).toMatch(/name="caseCount" value="3"/);
    expect(more).toContain('value="Kept title"');
    expect(more).toContain('value="Pyongyang, 1956"');
    expect(more).toContain('<label for="case-2-title">Case 3</label>');
    const fewer = await pageHtml(await teacher.post('/courses/new', { title: 'T', term: 'S', ...THREE_CASES, intent: 'remove-case-0' }));
    expect(fewer).toMatch(/name="caseCount" value="2"/);
    expect(fewer).not.toContain('Budapest, 1956');
    expect((await sql`SELECT count(*)::int AS n FROM courses`)[0]!.n).toBe(before);
  });

  it('are edited on the settings page: labels follow, a removed case is confirmed first and leaves its sources to every case', async () => {
    const teacher = await person('Teacher');
    const courseId = await courseWith(teacher, THREE_CASES);
    const cases = await sql<{ id: string; title: string }[]>`SELECT id, title FROM course_cases WHERE course_id = ${courseId} ORDER BY position`;
    const form = new FormData();
    for (const [k, v] of Object.entries({ title: 'Radio Budapest', kind: 'primary', caseId: cases[0]!.id })) form.set(k, v);
    form.set('file', new Blob(['Radio Budapest calls.\n'], { type: 'text/plain' }), 'radio.txt');
    const reader = (await teacher.post(`/c/${courseId}/sources/new`, form)).headers.get('location')!;
    const rows = (titles: string[], ids: (string | undefined)[]) => ({
      caseCount: String(titles.length),
      ...Object.fromEntries(titles.flatMap((t, i) => [[`case-${i}-title`, t], [`case-${i}-colour`, '#2f5d8a'], ...(ids[i] ? [[`case-${i}-id`, ids[i]!]] : [])])),
    });

    // Renamed: the reader's label follows.
    const renamed = await teacher.post(`/c/${courseId}/settings`, { intent: 'save', ...rows(['Hungary, October 1956', 'Moscow, June 1957', 'Pyongyang, 1956'], cases.map((c) => c.id)) });
    expect(await pageHtml(renamed)).toContain('Cases saved.');
    expect(await pageHtml(await teacher.get(reader))).toContain('Hungary, October 1956');

    // Removing Hungary: asked first, nothing changed yet.
    const without = rows(['Moscow, June 1957', 'Pyongyang, 1956'], [cases[1]!.id, cases[2]!.id]);
    const asked = await pageHtml(await teacher.post(`/c/${courseId}/settings`, { intent: 'save', ...without }));
    expect(asked).toContain('Remove “Hungary, October 1956”?');
    expect(asked).toContain('1 source of “Hungary, October 1956” will then');
    expect(await sql`SELECT 1 FROM course_cases WHERE id = ${cases[0]!.id}`).toHaveLength(1);
    await teacher.post(`/c/${courseId}/settings`, { intent: 'save-removing', ...without });
    expect(await sql`SELECT 1 FROM course_cases WHERE id = ${cases[0]!.id}`).toHaveLength(0);
    const [doc] = await sql`SELECT case_id FROM course_documents WHERE course_id = ${courseId}`;
    expect(doc!.case_id).toBeNull();
    expect(await pageHtml(await teacher.get(reader))).toContain('Both cases');

    // A case of another course is not this form's to edit.
    const other = await courseWith(teacher, TWO_CASES_FORM);
    const [foreign] = await sql<{ id: string }[]>`SELECT id FROM course_cases WHERE course_id = ${other} LIMIT 1`;
    const refused = await teacher.post(`/c/${courseId}/settings`, { intent: 'save', ...rows(['Moscow, June 1957', 'Stolen'], [cases[1]!.id, foreign!.id]) });
    expect(refused.status).toBe(409);
    expect((await sql`SELECT title FROM course_cases WHERE id = ${foreign!.id}`)[0]!.title).toBe('Moscow, June 1957');
  });

  it('only instructors see or change the settings, and an upload names one of the course’s own cases', async () => {
    const teacher = await person('Teacher');
    const courseId = await courseWith(teacher, TWO_CASES_FORM);
    const student = await person('Student');
    const [c] = await sql`SELECT join_code FROM courses WHERE id = ${courseId}`;
    await student.post('/join', { code: c!.join_code });
    expect((await student.get(`/c/${courseId}/settings`)).status).toBe(403);
    expect((await student.post(`/c/${courseId}/settings`, { intent: 'save', ...TWO_CASES_FORM })).status).toBe(403);
    const outsider = await person('Outsider');
    expect((await outsider.get(`/c/${courseId}/settings`)).status).toBe(404);

    const other = await courseWith(teacher, THREE_CASES);
    const [foreign] = await sql<{ id: string }[]>`SELECT id FROM course_cases WHERE course_id = ${other} LIMIT 1`;
    const form = new FormData();
    for (const [k, v] of Object.entries({ title: 'Stray', kind: 'primary', caseId: foreign!.id })) form.set(k, v);
    form.set('file', new Blob(['Text.\n'], { type: 'text/plain' }), 'stray.txt');
    const res = await teacher.post(`/c/${courseId}/sources/new`, form);
    expect(res.status).toBe(400);
    expect(await pageHtml(res)).toContain('This course has no case called');
    expect(await sql`SELECT 1 FROM course_documents WHERE course_id = ${courseId}`).toHaveLength(0);
  });
});
