import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../db/sql';
import { startApp, type RunningApp } from '../helpers/app-server';
import { Client } from '../helpers/browserless-client';
import { TWO_CASES_FORM } from '../helpers/cases';

const run = promisify(execFile);
/** Server-rendered HTML without React's text-boundary comments, as a reader sees the text. */
const pageHtml = (html: string) => html.replaceAll('<!-- -->', '');
const MAX_UPLOAD = 100_000;

let app: RunningApp;
let teacher: Client & { courseId: string };
let student: Client;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'plenum-import-'));
  app = await startApp({ DATABASE_URL: process.env.DATABASE_URL, MAX_UPLOAD_BYTES: String(MAX_UPLOAD) });
  const t = new Client(app.baseUrl);
  await t.signUp({ email: 'prof@example.org', displayName: 'Prof', password: 'long enough password' });
  const created = await t.post('/courses/new', { title: 'Sources course', term: 'Fall', ...TWO_CASES_FORM });
  const courseId = created.headers.get('location')!.split('/')[2]!;
  teacher = Object.assign(t, { courseId });
  student = new Client(app.baseUrl);
  await student.signUp({ email: 'stu@example.org', displayName: 'Stu', password: 'long enough password' });
  const [c] = await sql`SELECT join_code FROM courses WHERE id = ${courseId}`;
  await student.post('/join', { code: c!.join_code });
});
afterAll(async () => {
  await app?.stop();
});

async function importCli(args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args], { env: { ...process.env } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

function upload(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array<ArrayBuffer> | string; type?: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('file', new Blob([file.bytes], { type: file.type ?? 'text/plain' }), file.name);
  return teacher.post(`/c/${teacher.courseId}/sources/new`, form);
}

const goodMeta = { title: 'Embassy diary', caseId: 'Pyongyang, 1956', kind: 'primary', genre: 'diary', date: '1956-09', origin: 'Soviet embassy', textNote: '' };

describe('npm run import', () => {
  it('imports a file into a course, and a second import of changed text is a new version', async () => {
    const file = path.join(dir, 'note.md');
    await writeFile(file, '# A memo\n\nFirst paragraph.\n\n- 2 -\n\nSecond paragraph.\n');
    const first = await importCli([file, '--title', 'A memo', '--case', 'Moscow, June 1957', '--date', '1957-07', '--course', teacher.courseId]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/Imported “A memo” \(slug a-memo\) as version 1, in course/);
    await writeFile(file, '# A memo\n\nFirst paragraph, corrected.\n\n- 2 -\n\nSecond paragraph.\n');
    const second = await importCli([file, '--title', 'A memo']);
    expect(second.stdout).toMatch(/Updated “A memo” \(slug a-memo\) as version 2/);
    const again = await importCli([file, '--title', 'A memo']);
    expect(again.stdout).toMatch(/as version 2/); // unchanged text: no new version

    const versions = await sql<{ version: number; body: string }[]>`
      SELECT v.version, v.body FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE d.slug = 'a-memo' ORDER BY version`;
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]!.body).toContain('First paragraph.'); // the old version is kept, byte for byte
    const blocks = await sql`
      SELECT b.kind FROM document_blocks b JOIN document_versions v ON v.id = b.version_id
      JOIN documents d ON d.id = v.document_id WHERE d.slug = 'a-memo' AND v.version = 2 ORDER BY number`;
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'furniture', 'paragraph']);
  });

  it('explains bad arguments and bad files, and imports nothing', async () => {
    const before = await sql`SELECT count(*)::int AS n FROM documents`;
    const file = path.join(dir, 'ok.txt');
    await writeFile(file, 'Text.');
    const caseWithoutCourse = await importCli([file, '--title', 'X', '--case', 'all']);
    expect(caseWithoutCourse.code).toBe(1);
    expect(caseWithoutCourse.stderr).toContain('--case is a case of a course: give --course too');
    const unknownCase = await importCli([file, '--title', 'X', '--course', teacher.courseId, '--case', 'soviet-1957']);
    expect(unknownCase.code).toBe(1);
    expect(unknownCase.stderr).toContain('--case: This course has no case called “soviet-1957”: choose “Moscow, June 1957”, “Pyongyang, 1956” or all');
    const badDate = await importCli([file, '--title', 'X', '--date', '1957-13-01']);
    expect(badDate.stderr).toContain('--date: Write the date as YYYY, YYYY-MM or YYYY-MM-DD');
    const latin1 = path.join(dir, 'latin1.txt');
    await writeFile(latin1, Buffer.from([0x4d, 0x6f, 0x6c, 0x6f, 0x74, 0x6f, 0x76, 0xe9, 0x0a]));
    const notUtf8 = await importCli([latin1, '--title', 'X']);
    expect(notUtf8.stderr).toContain('not valid UTF-8');
    const missing = await importCli([path.join(dir, 'nope.txt'), '--title', 'X']);
    expect(missing.stderr).toContain('cannot read');
    expect((await sql`SELECT count(*)::int AS n FROM documents`)[0]!.n).toBe(before[0]!.n);
  });
});

describe('upload form', () => {
  it('adds an uploaded UTF-8 text to the course and opens it in the reader', async () => {
    const res = await upload(goodMeta, { name: 'diary.txt', bytes: 'Diary of the ambassador\n\nKim received us at 10.\n\nS-E-C-R-E-T\n' });
    expect(res.status).toBe(302);
    const readerPath = res.headers.get('location')!;
    expect(readerPath).toMatch(new RegExp(`^/c/${teacher.courseId}/d/[0-9a-f-]{36}$`));
    const page = await (await student.get(readerPath)).text();
    expect(page).toContain('Embassy diary');
    expect(page).toContain('Kim received us at 10.');
    expect(page).toMatch(/id="b3"[^>]*class="block furniture"/);
    const home = await (await student.get(`/c/${teacher.courseId}`)).text();
    expect(home).toContain('Embassy diary');
    expect(home).toContain('September 1956');
  });

  it('refuses a file over the size limit', async () => {
    const res = await upload({ ...goodMeta, title: 'Too big' }, { name: 'big.txt', bytes: 'x'.repeat(MAX_UPLOAD + 1000) });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('larger than the 0.1 MiB limit');
    expect(await sql`SELECT 1 FROM documents WHERE title = 'Too big'`).toHaveLength(0);
  });

  it('refuses text that is not UTF-8, binary data, other file types, and an empty file', async () => {
    const cases: [string, Uint8Array<ArrayBuffer> | string, string][] = [
      ['latin1.txt', new Uint8Array([0x4d, 0xe9, 0x0a]), 'not valid UTF-8'],
      ['scan.pdf', '%PDF-1.4', 'is not a plain-text or Markdown file'],
      ['nul.txt', 'abc\u0000def', 'binary data'],
      ['empty.txt', '', 'The file is empty.'],
    ];
    for (const [name, bytes, message] of cases) {
      const res = await upload({ ...goodMeta, title: `Bad ${name}` }, { name, bytes });
      expect(res.status, name).toBe(400);
      expect(await res.text(), name).toContain(message);
    }
    const noFile = await upload({ ...goodMeta, title: 'Bad no file' });
    expect(noFile.status).toBe(400);
    expect(await noFile.text()).toContain('Choose a file to upload');
    expect(await sql`SELECT 1 FROM documents WHERE title LIKE 'Bad %'`).toHaveLength(0);
  });

  it('shows field errors for missing description', async () => {
    const res = await upload({ title: '', caseKey: 'mars-2020', kind: 'primary', date: 'last year' }, { name: 'a.txt', bytes: 'Text' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Title is required');
    expect(html).toContain('Choose the case');
    expect(html).toContain('Write the date as YYYY');
  });

  it('is for instructors only', async () => {
    const form = new FormData();
    form.set('title', 'Sneaky');
    const res = await student.post(`/c/${teacher.courseId}/sources/new`, form);
    expect(res.status).toBe(403);
  });
});

describe('reader', () => {
  it('numbers blocks, marks furniture, shows provenance, and serves older versions', async () => {
    const [doc] = await sql<{ id: string }[]>`SELECT id FROM documents WHERE slug = 'a-memo'`;
    const latest = pageHtml(await (await student.get(`/c/${teacher.courseId}/d/${doc!.id}`)).text());
    expect(latest).toContain('First paragraph, corrected.');
    expect(latest).toMatch(/<h2 id="b1"[^>]*class="block heading"/);
    expect(latest).toMatch(/href="#b2"/);
    expect(latest).toContain('page furniture');
    expect(latest).toContain('Version 2 of 2');
    const old = await (await student.get(`/c/${teacher.courseId}/d/${doc!.id}?v=1`)).text();
    expect(old).toContain('First paragraph.');
    expect(old).not.toContain('corrected');
    expect((await student.get(`/c/${teacher.courseId}/d/${doc!.id}?v=9`)).status).toBe(404);
    expect((await student.get(`/c/${teacher.courseId}/d/${doc!.id}?v=abc`)).status).toBe(404);
  });

  it('says a missing source is not found inside the course frame, with its tabs and a way back', async () => {
    const res = await student.get(`/c/${teacher.courseId}/d/00000000-0000-4000-8000-000000000000`);
    expect(res.status).toBe(404);
    const html = pageHtml(await res.text());
    expect(html).toContain('class="course-bar"');
    expect(html).toContain('Sources course');
    expect(html).toMatch(/<h1>Not found<\/h1>/);
    expect(html).toContain(`href="/c/${teacher.courseId}">Back to the course`);
  });

  it('does not serve a document of another course', async () => {
    const other = new Client(app.baseUrl);
    await other.signUp({ email: 'other@example.org', displayName: 'Other', password: 'long enough password' });
    const created = await other.post('/courses/new', { title: 'Other course', term: 'Fall', ...TWO_CASES_FORM });
    const otherCourse = created.headers.get('location')!.split('/')[2]!;
    const [doc] = await sql<{ id: string }[]>`SELECT id FROM documents WHERE slug = 'a-memo'`;
    expect((await other.get(`/c/${otherCourse}/d/${doc!.id}`)).status).toBe(404);
  });
});
