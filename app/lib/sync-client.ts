/**
 * Joins a Plenum room from the browser (or from Node, in tests) with the stock y-websocket
 * provider, and turns the server's close codes into what the user sees: signed out and forbidden
 * stop reconnecting; a refused write discards the local copy and starts the room afresh.
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE } from './sync-codes';

export type SyncStatus = 'connecting' | 'connected' | 'offline' | 'signed-out' | 'forbidden' | 'error';

export interface RoomSyncOptions {
  /** The app's origin, e.g. http://localhost:3000; the WebSocket URL is derived from it. */
  origin: string;
  room: string;
  doc?: Y.Doc;
  /** In Node: a WebSocket class that sends the session cookie and Origin. */
  WebSocketPolyfill?: typeof WebSocket;
  /** In Node: headers for the HTTP check that explains a refused connection. */
  checkHeaders?: Record<string, string>;
  onStatus?(status: SyncStatus, detail?: string): void;
  /**
   * The server refused a write (`reason` says why): the local copy was dropped and this fresh doc is
   * syncing instead.
   */
  onReset?(doc: Y.Doc, reason: string): void;
}

export class RoomSync {
  doc: Y.Doc;
  provider!: WebsocketProvider;
  status: SyncStatus = 'connecting';
  private everConnected = false;
  /** A connection attempt failed since the last successful one: "offline", not "connecting". */
  private failing = false;
  private checking = false;
  private destroyed = false;

  constructor(private readonly options: RoomSyncOptions) {
    this.doc = options.doc ?? new Y.Doc();
    this.connect();
  }

  private connect() {
    const url = new URL('/sync', this.options.origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const provider = new WebsocketProvider(url.toString(), this.options.room, this.doc, {
      WebSocketPolyfill: this.options.WebSocketPolyfill,
      disableBc: true,
      maxBackoffTime: 5000,
    });
    this.provider = provider;
    provider.on('status', ({ status }) => {
      if (status === 'connected') this.everConnected = true;
      if (status === 'connected') this.failing = false;
      if (this.status === 'signed-out' || this.status === 'forbidden') return;
      this.setStatus(status === 'connected' ? 'connected' : status === 'connecting' && !this.failing ? 'connecting' : 'offline');
    });
    provider.on('closed', ({ code, reason }) => this.onTerminalClose(code, reason));
    provider.on('connection-error', () => void this.explainRefusal());
    provider.on('connection-close', (event) => {
      if (!event) return;
      // A refused upgrade looks like 1006 in a browser: ask the server why.
      if (event.code === 1006 && !provider.wsconnected) void this.explainRefusal();
      this.failing = true;
      if (this.status === 'connecting') this.setStatus('offline');
    });
  }

  private setStatus(status: SyncStatus, detail?: string) {
    this.status = status;
    this.options.onStatus?.(status, detail);
  }

  private onTerminalClose(code: number, reason: string) {
    if (code === CLOSE.signedOut) this.setStatus('signed-out', reason);
    else if (code === CLOSE.forbidden) this.setStatus('forbidden', reason);
    else if (code === CLOSE.writeRefused || code === CLOSE.tooLarge) this.reset(reason);
    else this.setStatus('error', reason);
  }

  /** Drops the local copy (it holds a change the server will never take) and syncs a fresh one. */
  private reset(reason: string) {
    this.provider.destroy();
    this.doc.destroy();
    this.doc = new Y.Doc();
    this.connect();
    this.options.onReset?.(this.doc, reason);
  }

  /** The browser cannot read a refused upgrade's status; a plain GET of the same URL tells it. */
  private async explainRefusal() {
    if (this.checking || this.destroyed || this.everConnected) return;
    this.checking = true;
    try {
      const response = await fetch(new URL(`/sync/${encodeURIComponent(this.options.room)}`, this.options.origin), {
        credentials: 'same-origin',
        headers: this.options.checkHeaders,
      });
      if (response.ok) return;
      const reason = ((await response.json().catch(() => ({}))) as { reason?: string }).reason;
      if (response.status === 401) this.stop('signed-out', reason);
      else if (response.status === 403 || response.status === 404) this.stop('forbidden', reason);
    } catch {
      // Offline: the provider keeps retrying.
    } finally {
      this.checking = false;
    }
  }

  private stop(status: SyncStatus, detail?: string) {
    this.provider.disconnect();
    this.setStatus(status, detail);
  }

  destroy() {
    this.destroyed = true;
    this.provider.destroy();
  }
}
