/**
 * When a member's access changes, their open sockets learn it at once, on every instance, not at the
 * next periodic re-check (here set to a minute, so only the announcement can explain a prompt close).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { invalidateSession, invalidateUserSessions } from '~/lib/session.server';
import { startApp, type RunningApp } from '../helpers/app-server';
import { createSeminar, setRole } from '../helpers/fixtures';
import { eventually, trackedClients, type TestClient } from '../helpers/sync-clients';

let one: RunningApp;
let two: RunningApp;
const clients = trackedClients();
const join = clients.join;
const synced = (client: TestClient) => eventually('client synced', () => client.sync.provider.synced);
/** Well under the re-check interval: only the announcement can explain it. */
const PROMPTLY = 3_000;

beforeAll(async () => {
  const apps = await Promise.all([0, 1].map(() => startApp({ DATABASE_URL: process.env.DATABASE_URL, SYNC_AUTH_RECHECK_MS: '60000' })));
  one = apps[0]!;
  two = apps[1]!;
});
afterAll(async () => {
  clients.destroyAll();
  await Promise.all([one?.stop(), two?.stop()]);
});

describe('revocation', () => {
  it('a removed member is disconnected at once on every instance', async () => {
    const { course, documentId, students: [ana] } = await createSeminar();
    const room = `doc:${course.id}:${documentId}`;
    const here = join(one.baseUrl, ana!, room);
    const there = join(two.baseUrl, ana!, `board:${course.id}`);
    await Promise.all([synced(here), synced(there)]);
    await setRole(course.id, ana!.id, null);
    await eventually('closed on both instances', () => here.statuses.includes('forbidden') && there.statuses.includes('forbidden'), PROMPTLY);
  });

  it('a demoted instructor can no longer write moderation flags, and leaves the instructors’ room', async () => {
    const { course, documentId, instructor, students: [ana] } = await createSeminar();
    await setRole(course.id, ana!.id, 'instructor');
    const doc = join(one.baseUrl, ana!, `doc:${course.id}:${documentId}`);
    const staff = join(one.baseUrl, ana!, `staff:${course.id}:${documentId}`);
    await Promise.all([synced(doc), synced(staff)]);
    await setRole(course.id, ana!.id, 'student');
    await eventually('out of the instructors’ room', () => staff.statuses.includes('forbidden'), PROMPTLY);
    const resets: string[] = [];
    doc.sync['options'].onReset = (_d: Y.Doc, reason: string) => resets.push(reason);
    doc.doc.getMap('mod').set(`${instructor.id}:n1`, { hidden: true, reason: 'x', by: ana!.id, at: 0 });
    await eventually('the flag is refused', () => resets.length === 1, PROMPTLY);
    expect(resets[0]).toBe('write refused: writes under "mod"');
  });

  it('signing out, or a password change ending other sessions, disconnects those sessions at once', async () => {
    const { course, documentId, students: [ana, ben] } = await createSeminar();
    const a = join(two.baseUrl, ana!, `doc:${course.id}:${documentId}`);
    const b = join(one.baseUrl, ben!, `doc:${course.id}:${documentId}`);
    await Promise.all([synced(a), synced(b)]);
    await invalidateSession(ana!.sessionId);
    await eventually('Ana signed out', () => a.statuses.includes('signed-out'), PROMPTLY);
    await invalidateUserSessions(ben!.id);
    await eventually('Ben signed out', () => b.statuses.includes('signed-out'), PROMPTLY);
  });
});
