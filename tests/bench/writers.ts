/** Members writing into a room of a running Plenum from Node, through stock y-websocket clients with their session cookies. */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createSession } from '~/lib/session.server';
import { sleep } from './browser-timing';

export interface Writer {
  user: { id: string };
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/** One synced client per user in `room`. (Sessions are made first: call before closing the database pool.) */
export async function sessionCookies(users: { id: string }[]): Promise<string[]> {
  return Promise.all(users.map(async (u) => `plenum_session=${encodeURIComponent((await createSession(u.id)).token)}`));
}

export async function connectWriters(baseUrl: string, room: string, users: { id: string }[], cookies: string[]): Promise<Writer[]> {
  const writers = users.map((user, i) => {
    const doc = new Y.Doc();
    const Socket = class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { Cookie: cookies[i]!, Origin: baseUrl } });
      }
    } as unknown as typeof globalThis.WebSocket;
    return { user, doc, provider: new WebsocketProvider(`${baseUrl.replace('http', 'ws')}/sync`, room, doc, { WebSocketPolyfill: Socket, disableBc: true }) };
  });
  while (!writers.every((w) => w.provider.synced)) await sleep(50);
  return writers;
}
