import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_COURSE, DEMO_PASSWORD } from '../../db/seed/demo';
import { startApp, type RunningApp } from '../helpers/app-server';
import { Client } from '../helpers/browserless-client';
import { TWO_CASES_FORM } from '../helpers/cases';
import { statusOf } from '../helpers/net';
import { eventually } from '../helpers/sync-clients';

// `npm start` exactly as README says, with DATABASE_URL unset: the embedded PostgreSQL on an empty data dir.
// (Under the project, like README's .data/: as root, PostgreSQL runs as "postgres" and needs to reach it.)
const dataDir = path.resolve('.data', `start-test-${randomBytes(4).toString('hex')}`);
await mkdir(dataDir, { recursive: true });
const npmStart = (): Promise<RunningApp> =>
  startApp({ DATABASE_URL: undefined, DATA_DIR: dataDir, SEED_DEMO: undefined, NODE_ENV: undefined }, { command: ['npm', 'start'], timeoutMs: 120_000 });

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function countRows(url: string) {
  const db = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await db`SELECT (SELECT count(*) FROM courses)::int AS courses, (SELECT count(*) FROM users)::int AS users,
      (SELECT count(*) FROM documents)::int AS documents`;
    return row!;
  } finally {
    await db.end();
  }
}

describe('npm start on a fresh machine', () => {
  it('serves the seeded demo course on an embedded PostgreSQL, stops cleanly, and keeps its data across restarts', async () => {
    const first = await npmStart();
    let url: string;
    try {
      const log = first.output.join('\n');
      expect(log).toContain('Plenum is running at http://localhost:');
      for (const account of DEMO_ACCOUNTS) expect(log).toContain(account.email);

      const mira = new Client(first.baseUrl);
      expect((await mira.signIn('mira@plenum.test', DEMO_PASSWORD)).status).toBe(302);
      const home = (await (await mira.get('/')).text()).replaceAll('<!-- -->', '');
      expect(home).toContain(DEMO_COURSE.title);
      const courseId = /href="\/c\/([0-9a-f-]{36})"/.exec(home)![1]!;
      const course = await (await mira.get(`/c/${courseId}`)).text();
      for (const title of ['The Khrushchev Purge', 'CAESAR XV', 'Mikoyan to the CPSU Central Committee', 'A new tranche of Soviet documents', 'North Korea in 1956']) {
        expect(course).toContain(title);
      }
      // The demo class has already written a few notes.
      expect(course.replaceAll('<!-- -->', '')).toMatch(/class="note-count">2 notes</);
      // Work done in the first run must survive the restart.
      await mira.post('/courses/new', { title: 'Mira’s study group', term: 'Winter', ...TWO_CASES_FORM });
      url = (await import('node:fs')).readFileSync(path.join(dataDir, 'embedded-url'), 'utf8');
    } finally {
      await first.stop('SIGTERM');
    }
    // The server shut down in order, and the embedded PostgreSQL with it.
    expect(first.output.join('\n')).toContain('"msg":"stopped"');
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await npmStart();
    try {
      const counts = await countRows((await import('node:fs')).readFileSync(path.join(dataDir, 'embedded-url'), 'utf8'));
      expect(counts).toEqual({ courses: 2, users: DEMO_ACCOUNTS.length, documents: 5 });
      expect(second.output.join('\n')).not.toContain('The demo course was just created');
      const mira = new Client(second.baseUrl);
      await mira.signIn('mira@plenum.test', DEMO_PASSWORD);
      expect(await (await mira.get('/')).text()).toContain('Mira’s study group');

      // The embedded PostgreSQL is killed: Plenum says so, starts it again, and serves as before.
      const pid = Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      await eventually('PostgreSQL restarted', () => second.output.some((line) => line.includes('the embedded PostgreSQL is running again')), 60_000);
      expect(second.output.join('\n')).toContain('the embedded PostgreSQL stopped unexpectedly (SIGKILL); restarting it');
      await eventually('healthy again', async () => (await statusOf(`${second.baseUrl}/healthz`)) === 200, 30_000);
      expect(await (await mira.get('/')).text()).toContain('Mira’s study group');
    } finally {
      await second.stop('SIGTERM');
    }
    expect(url!).toMatch(/^postgres:\/\//);
  }, 300_000);
});
