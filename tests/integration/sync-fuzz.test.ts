/**
 * Throws 10 000 random and mutated frames at a live sync server: it must not crash, must close
 * each connection that sent garbage with a reason, and a well-behaved pair of clients in the same
 * room must notice nothing.
 */
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startApp, type RunningApp } from '../helpers/app-server';
import { syncUpdateFrame } from '../helpers/crafted-updates';
import { createSeminar, type TestMember } from '../helpers/fixtures';
import { eventually, joinRoom, noteBody, type TestClient } from '../helpers/sync-clients';

const FRAMES_PER_RUN = 100;
const RUNS = 100; // 10 000 frames
const WORKERS = 8;

let app: RunningApp;
let fuzzer: TestMember;
let room: string;
let writer: TestClient;
let reader: TestClient;
let writerId: string;

beforeAll(async () => {
  app = await startApp({ DATABASE_URL: process.env.DATABASE_URL, SYNC_HOLD_MS: '150' });
  const seminar = await createSeminar(['Writer', 'Fuzzer']);
  fuzzer = seminar.students[1]!;
  room = `doc:${seminar.course.id}:${seminar.documentId}`;
  writer = joinRoom(app.baseUrl, seminar.students[0]!, room);
  writerId = seminar.students[0]!.id;
  reader = joinRoom(app.baseUrl, seminar.instructor, room);
  await eventually('good clients synced', () => writer.sync.provider.synced && reader.sync.provider.synced);
});
afterAll(async () => {
  writer?.destroy();
  reader?.destroy();
  await app?.stop();
});

const message = (...parts: ((e: encoding.Encoder) => void)[]) => {
  const e = encoding.createEncoder();
  for (const part of parts) part(e);
  return encoding.toUint8Array(e);
};

/**
 * A real update in the fuzzer's own branch from Yjs client `clientId`, and the part of it that builds on
 * an item the server never got (unless the whole one was sent and accepted before).
 */
function validUpdates(userId: string, clientId: number) {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  doc.getArray(`u:${userId}`).insert(0, ['a']);
  const before = Y.encodeStateVector(doc);
  doc.getArray(`u:${userId}`).insert(1, ['b']);
  return { whole: Y.encodeStateAsUpdate(doc), dangling: Y.encodeStateAsUpdate(doc, before) };
}

type Kind = 'random' | 'unknown-type' | 'truncated' | 'absurd-length' | 'mutated' | 'missing-deps';

function frames(userId: string): fc.Arbitrary<{ kind: Kind; bytes: Uint8Array }> {
  const valid = syncUpdateFrame(validUpdates(userId, 1).whole);
  return fc.oneof(
    { weight: 4, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ kind: 'random' as const, bytes })) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.integer({ min: 4, max: 1_000_000 }), fc.uint8Array({ maxLength: 40 })).map(([type, rest]) => ({
        kind: 'unknown-type' as const,
        bytes: message((e) => encoding.writeVarUint(e, type), (e) => encoding.writeUint8Array(e, rest)),
      })),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ minLength: 1, maxLength: 12 }).map((b) => ({ kind: 'truncated' as const, bytes: b.map((x) => x | 0x80) })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(0, 1), fc.integer({ min: 10_000, max: 2 ** 31 })).map(([type, length]) => ({
        kind: 'absurd-length' as const,
        bytes: message((e) => encoding.writeVarUint(e, type), (e) => type === 0 && encoding.writeVarUint(e, 2), (e) => encoding.writeVarUint(e, length), (e) => encoding.writeUint8Array(e, new Uint8Array([1, 2, 3]))),
      })),
    },
    {
      weight: 3,
      arbitrary: fc
        .array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 })
        .chain((flips) => fc.nat({ max: valid.length }).map((cut) => ({ flips, cut })))
        .map(({ flips, cut }) => {
          const bytes = valid.slice(0, Math.max(1, cut));
          for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
          return { kind: 'mutated' as const, bytes };
        }),
    },
    {
      // A client id far from 1 (the mutated frames' own, which a byte flip can turn into another small
      // id that then gets stored), so the item it builds on is never there.
      weight: 1,
      arbitrary: fc.integer({ min: 2 ** 24, max: 2 ** 31 }).map((clientId) => ({ kind: 'missing-deps' as const, bytes: syncUpdateFrame(validUpdates(userId, clientId).dangling) })),
    },
  );
}

/** Every close code the server may use on a misbehaving connection. */
const BAD_INPUT_CODES = [4400, 4409, 4522, 4529, 1009];

interface Outcome {
  kind: Kind;
  closedWith: number | null;
  reason: string;
}

/** Sends one frame on a fresh connection, then a harmless probe: either the server closes the connection or answers the probe. */
function throwFrame(frame: { kind: Kind; bytes: Uint8Array }): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${app.baseUrl.replace('http', 'ws')}/sync/${room}`, { headers: { Cookie: fuzzer.cookie, Origin: app.baseUrl } });
    let settled = false;
    const done = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ws.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => reject(new Error(`no answer for a ${frame.kind} frame`)), 5000);
    ws.on('open', () => {
      ws.send(frame.bytes);
      ws.send(message((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()))));
    });
    ws.on('message', (data: Buffer) => {
      // Sync step 2 (0, 1) answers the probe, which the server handles only after the frame.
      if (data[0] === 0 && data[1] === 1 && frame.kind !== 'missing-deps') done({ kind: frame.kind, closedWith: null, reason: '' });
    });
    ws.on('close', (code, reason) => done({ kind: frame.kind, closedWith: code, reason: reason.toString() }));
    ws.on('error', () => {});
  });
}

describe('malformed frames', () => {
  it('10 000 random and mutated frames: no crash, each bad socket closed with a reason, good clients unaffected', async () => {
    const outcomes: Outcome[] = [];
    const goodStatuses = () => [...writer.statuses, ...reader.statuses];
    const statusesBefore = goodStatuses().length;
    let written = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(frames(fuzzer.id), { minLength: FRAMES_PER_RUN, maxLength: FRAMES_PER_RUN }), async (batch) => {
        const queue = [...batch];
        await Promise.all(
          Array.from({ length: WORKERS }, async () => {
            for (let frame = queue.shift(); frame; frame = queue.shift()) {
              const outcome = await throwFrame(frame);
              outcomes.push(outcome);
              if (outcome.closedWith !== null) {
                expect(BAD_INPUT_CODES, `${frame.kind} closed with ${outcome.closedWith}`).toContain(outcome.closedWith);
                expect(outcome.reason.length).toBeGreaterThan(0);
              }
              if (frame.kind === 'unknown-type' || frame.kind === 'truncated' || frame.kind === 'absurd-length') {
                expect(outcome.closedWith, frame.kind).toBe(4400);
              }
              if (frame.kind === 'missing-deps') expect(outcome.closedWith).toBe(4522);
            }
          }),
        );
        // The well-behaved writer goes on, and the reader gets it.
        writer.write(`n${++written}`, `note ${written}`);
        const key = `n${written}`;
        await eventually('reader receives the good note', () => noteBody(reader.doc, writerId, key) === `note ${written}`);
      }),
      // No shrinking: a failing run takes seconds, and the first failure says enough.
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(outcomes).toHaveLength(FRAMES_PER_RUN * RUNS);
    expect(app.process.exitCode).toBeNull();
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    // The good clients never lost their connection.
    expect(goodStatuses().slice(statusesBefore)).not.toContain('offline');
    const closed = outcomes.filter((o) => o.closedWith !== null).length;
    expect(closed / outcomes.length).toBeGreaterThan(0.8);
  }, 600_000);
});
