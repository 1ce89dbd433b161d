/** Real y-websocket clients in Node: the stock WebsocketProvider over `ws`, with a member's cookie. */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { RoomSync, type SyncStatus } from '~/lib/sync-client';
import type { NoteEntry } from '~/lib/notes/model';
import type { TestMember } from './fixtures';

/** A `ws` WebSocket class that sends the cookie and Origin, and records every frame it receives. */
export function cookieWebSocket(cookie: string, origin: string, received?: Uint8Array[]) {
  return class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { Cookie: cookie, Origin: origin } });
      if (received) this.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
    }
  } as unknown as typeof globalThis.WebSocket;
}

export interface TestClient {
  sync: RoomSync;
  get doc(): Y.Doc;
  statuses: SyncStatus[];
  received: Uint8Array[];
  /** The member's own branch in this room. */
  branch(): Y.Map<unknown>;
  /** Writes (or rewrites) the member's note `id` with `body`, as the reader does. */
  write(id: string, body: string): void;
  destroy(): void;
}

/** A well-formed note entry (app/lib/notes/model.ts), the only kind of entry a document's rooms take. */
export function noteEntry(id: string, body: string, createdAt = 0): string {
  const entry: NoteEntry = { id, kind: 'note', parentId: null, parentAuthorId: null, body, tags: [], selectors: null, documentVersion: 1, createdAt, updatedAt: createdAt, deleted: false };
  return JSON.stringify(entry);
}

/** The body of `userId`'s note `id` in `doc`, or undefined. */
export function noteBody(doc: Y.Doc, userId: string, id: string): string | undefined {
  const raw = doc.getMap(`u:${userId}`).get(id);
  return typeof raw === 'string' ? (JSON.parse(raw) as NoteEntry).body : undefined;
}

/** Every note of `userId` in `doc`, id → body. */
export function noteBodies(doc: Y.Doc, userId: string): Record<string, string> {
  const bodies: Record<string, string> = {};
  for (const id of doc.getMap(`u:${userId}`).keys()) bodies[id] = noteBody(doc, userId, id)!;
  return bodies;
}

export function joinRoom(baseUrl: string, member: TestMember, room: string, doc?: Y.Doc): TestClient {
  const statuses: SyncStatus[] = [];
  const received: Uint8Array[] = [];
  const sync = new RoomSync({
    origin: baseUrl,
    room,
    doc,
    WebSocketPolyfill: cookieWebSocket(member.cookie, baseUrl, received),
    checkHeaders: { Cookie: member.cookie },
    onStatus: (status) => statuses.push(status),
  });
  return {
    sync,
    get doc() {
      return sync.doc;
    },
    statuses,
    received,
    branch: () => sync.doc.getMap(`u:${member.id}`),
    write: (id, body) => sync.doc.getMap(`u:${member.id}`).set(id, noteEntry(id, body)),
    destroy: () => sync.destroy(),
  };
}

/** `joinRoom` that remembers each client, so a test file can close them all at the end. */
export function trackedClients() {
  const open: TestClient[] = [];
  return {
    join(...args: Parameters<typeof joinRoom>): TestClient {
      const client = joinRoom(...args);
      open.push(client);
      return client;
    },
    destroyAll() {
      for (const client of open) client.destroy();
    },
  };
}

/** Polls until `check` returns true, failing with `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Opens a raw WebSocket to a room and resolves with how the upgrade went. */
export function tryUpgrade(baseUrl: string, room: string, headers: Record<string, string>): Promise<{ opened: boolean; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/sync/${room}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve({ opened: true });
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve({ opened: false, status: res.statusCode });
      res.resume();
    });
    ws.on('error', () => resolve({ opened: false }));
  });
}

/** Every client has synced with the server. */
export const allSynced = (...clients: TestClient[]) => eventually('synced', () => clients.every((c) => c.sync.provider.synced));

/** The reasons the server gives, from now on, for refusing what `client` writes (it resets the client's copy). */
export function refusalsOf(client: TestClient): string[] {
  const refusals: string[] = [];
  client.sync['options'].onReset = (_doc: Y.Doc, reason: string) => refusals.push(reason);
  return refusals;
}
