/**
 * A source at the upload limit, of many short paragraphs: every block is stored (once a multi-row
 * INSERT of them went past PostgreSQL's 65,535 parameters and the upload failed with a 500).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../db/sql';
import { startApp, type RunningApp } from '../helpers/app-server';
import { Client } from '../helpers/browserless-client';
import { TWO_CASES_FORM } from '../helpers/cases';

let app: RunningApp;
let teacher: Client;
let courseId: string;

beforeAll(async () => {
  app = await startApp({ DATABASE_URL: process.env.DATABASE_URL });
  teacher = new Client(app.baseUrl);
  await teacher.signUp({ email: `big-${Date.now()}@example.org`, displayName: 'Prof', password: 'long enough password' });
  const created = await teacher.post('/courses/new', { title: 'Long sources', term: 'Fall', ...TWO_CASES_FORM });
  courseId = created.headers.get('location')!.split('/')[2]!;
});
afterAll(async () => {
  await app?.stop();
});

describe('a 2 MiB source', () => {
  it('of 150,000 short paragraphs is imported whole and opens in the reader', async () => {
    const paragraphs = Array.from({ length: 150_000 }, (_, i) => `Par. ${i + 1}.`);
    const text = paragraphs.join('\n\n');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(Buffer.byteLength(text)).toBeGreaterThan(1.5 * 1024 * 1024);
    const form = new FormData();
    for (const [k, v] of Object.entries({ title: 'Very long minutes', caseId: 'all', kind: 'primary', genre: 'minutes', date: '1957-06', origin: 'Test', textNote: '' })) form.set(k, v);
    form.set('file', new Blob([text], { type: 'text/plain' }), 'minutes.txt');
    const res = await teacher.post(`/c/${courseId}/sources/new`, form);
    expect(res.status).toBe(302);
    const documentId = res.headers.get('location')!.split('/').pop()!;
    const [count] = await sql`
      SELECT count(*)::int AS n FROM document_blocks b JOIN document_versions v ON v.id = b.version_id WHERE v.document_id = ${documentId}`;
    expect(count!.n).toBe(150_000);
    const page = await (await teacher.get(`/c/${courseId}/d/${documentId}#b150000`)).text();
    expect(page).toContain('Par. 150000.');
  }, 120_000);
});
