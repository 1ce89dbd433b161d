/**
 * A stranger signs up, creates a course of their own and sends crafted updates to its board room:
 * the shapes that once froze every page and room for over a minute. Each must be refused (or, where
 * it keeps to the rules, accepted) while /healthz goes on answering and another class goes on writing.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PostEntry } from '~/lib/board/model';
import { createCourse } from '../../db/queries/courses';
import { startApp, type RunningApp } from '../helpers/app-server';
import { chainAndFan, deepNesting, encodeUpdate, syncUpdateFrame, zigzagChain } from '../helpers/crafted-updates';
import { TEST_CASES } from '../helpers/cases';
import { createMember, createSeminar, type TestMember } from '../helpers/fixtures';
import { eventually, joinRoom, noteBody, type TestClient } from '../helpers/sync-clients';

let app: RunningApp;
let attacker: TestMember;
let boardRoom: string;
let writer: TestClient;
let reader: TestClient;
let writerId: string;

beforeAll(async () => {
  app = await startApp({ DATABASE_URL: process.env.DATABASE_URL });
  attacker = await createMember('Stranger');
  const course = await createCourse({ title: 'My own course', term: 'Now', instructorId: attacker.id, cases: TEST_CASES });
  boardRoom = `board:${course.id}`;
  const seminar = await createSeminar(['Writer']);
  const room = `doc:${seminar.course.id}:${seminar.documentId}`;
  writer = joinRoom(app.baseUrl, seminar.students[0]!, room);
  writerId = seminar.students[0]!.id;
  reader = joinRoom(app.baseUrl, seminar.instructor, room);
  await eventually('the class is synced', () => writer.sync.provider.synced && reader.sync.provider.synced);
});
afterAll(async () => {
  writer?.destroy();
  reader?.destroy();
  await app?.stop();
});

/** A board thread as the board writes one (app/lib/board/model.ts). */
function thread(id: string): string {
  const entry: PostEntry = { id, kind: 'thread', title: `Thread ${id}`, body: 'Who could remove the leader?', threadId: null, threadAuthorId: null, parentId: null, parentAuthorId: null, link: null, createdAt: 0, updatedAt: 0, deleted: false };
  return JSON.stringify(entry);
}

/** Sends one update on a connection of its own; resolves with how the server closed it, or null if it kept it open. */
function sendUpdate(update: Uint8Array): Promise<{ code: number; reason: string } | null> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${app.baseUrl.replace('http', 'ws')}/sync/${boardRoom}`, { headers: { Cookie: attacker.cookie, Origin: app.baseUrl } });
    const timer = setTimeout(() => reject(new Error('the server neither closed nor kept the connection')), 60_000);
    ws.on('open', () => {
      ws.send(syncUpdateFrame(update));
      // Kept open a moment after the update is handled: accepted.
      setTimeout(() => {
        clearTimeout(timer);
        ws.close();
        resolve(null);
      }, 1500);
    });
    ws.on('close', (code, reason) => {
      clearTimeout(timer);
      resolve(code === 1005 ? null : { code, reason: reason.toString() });
    });
    ws.on('error', () => {});
  });
}

/** Asks /healthz every 20 ms on a connection of its own, until stopped; the slowest answer, in ms. */
function watchHealth() {
  let running = true;
  let slowest = 0;
  let answers = 0;
  const ask = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = request(`${app.baseUrl}/healthz`, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) answers++;
          slowest = Math.max(slowest, performance.now() - started);
          resolve();
        });
      });
      req.on('error', () => resolve());
      req.end();
    });
  const loop = (async () => {
    while (running) {
      await ask();
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { slowest, answers };
    },
  };
}

describe('crafted updates to a board room', () => {
  it('are refused or accepted without stalling the server: /healthz and another class carry on', async () => {
    const root = `u:${attacker.id}`;
    const other = 'u:00000000-0000-4000-8000-000000000000';
    // About 1 MiB each: the chain-and-fan shape that froze the server for 73 s, deep nesting, a zigzag.
    const huge = [encodeUpdate(chainAndFan(root, 85_000, 85_000)), encodeUpdate(deepNesting(root, 40_000, 40_000)), encodeUpdate(zigzagChain(root, 180_000))];
    // Under the limit on changes: 3,000 well-formed threads (within every rule: stored; as many as fit in
    // one message), the chain and fan in the sender's own branch (not entries a board takes), a smaller
    // one in another's branch; then the member's budget of changes (10,000 at once) is spent.
    const underLimit = encodeUpdate(chainAndFan(root, 2_499, 2_500, 11));
    const forged = encodeUpdate(chainAndFan(other, 750, 750, 12));
    const overBudget = encodeUpdate(chainAndFan(root, 2_000, 2_000, 14));
    const threads = encodeUpdate([{ client: 13, items: Array.from({ length: 3_000 }, (_, i) => ({ parent: root, parentSub: `t${i}`, content: { any: thread(`t${i}`) } })) }]);
    const health = watchHealth();
    let written = 0;
    const keepWriting = setInterval(() => writer.write(`n${++written}`, `note ${written}`), 100);

    for (const update of huge) {
      expect(update.byteLength).toBeGreaterThan(900 * 1024);
      const closed = await sendUpdate(update);
      expect(closed).toEqual({ code: 4409, reason: expect.stringMatching(/^write refused: too many changes in one update/) });
    }
    expect(await sendUpdate(threads)).toBeNull();
    expect(await sendUpdate(underLimit)).toEqual({ code: 4409, reason: 'write refused: only entries of a member’s own map may be written' });
    expect(await sendUpdate(forged)).toEqual({ code: 4409, reason: `write refused: writes under "${other}"` });
    expect(await sendUpdate(overBudget)).toEqual({ code: 4529, reason: 'too many changes: slow down' });

    clearInterval(keepWriting);
    const { slowest, answers } = await health.stop();
    const last = `n${written}`;
    await eventually('the other class’s notes all arrived', () => noteBody(reader.doc, writerId, last) === `note ${written}`);
    expect(answers).toBeGreaterThan(10);
    // Before the fix a single one of these updates kept /healthz waiting 17–73 s.
    expect(slowest).toBeLessThan(1000);
    expect(app.process.exitCode).toBeNull();
  }, 180_000);
});
