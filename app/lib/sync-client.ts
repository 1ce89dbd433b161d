/**
 * Joins a Plenum room from the browser (or from Node, in tests) with the stock y-websocket
 * provider, and turns the server's close codes into what the user sees: signed out and forbidden
 * stop reconnecting; a refused write discards the local copy and starts the room afresh.
 *
 * It also knows which of our changes the server has stored. The server handles a socket's messages
 * in order and stores an update before it reads the next message, so its answer to a sync step 1
 * sent after our changes means they are stored, and one that does not confirm them within seconds is
 * reported lost (not after y-websocket's 30 s of silence).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CLOSE } from './sync-codes';

const MESSAGE_SYNC = 0;
/**
 * A connection that does not confirm our changes within this long is reported lost. Longer than the server may take to store an
 * update (SYNC_STORE_TIMEOUT_MS, 5 s), so that a server waiting on its database says so itself ("try
 * again later") before the client decides the network is gone.
 */
export const ANSWER_MS = 8000;

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
  /** How many of our changes the server has not yet confirmed storing, whenever that changes. */
  onPending?(pending: number): void;
  /** What the member may see changed (a peer gate opened or closed): the room resyncs; the page's data is stale. */
  onViewChanged?(reason: string): void;
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
  /** Our changes to `doc`, and how many of them the server has confirmed storing. */
  private made = 0;
  private confirmed = 0;
  /** For each sync step 1 this socket sent and the server has not answered: `made` when it was sent. */
  private probes: number[] = [];
  /** When the oldest unanswered step 1 was sent (0: none is waiting). */
  private waitingSince = 0;
  /** When the connection was reported lost while its socket stayed open (0: it is not). */
  private lostAt = 0;
  private probeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly onBrowserOffline = () => this.lost();
  // Back online: dial again at once rather than wait for a socket that may be dead.
  private readonly onBrowserOnline = () => {
    this.lostAt = this.lostAt || Date.now();
    this.redial();
  };

  constructor(private readonly options: RoomSyncOptions) {
    this.doc = options.doc ?? new Y.Doc();
    this.connect();
    this.heartbeat = setInterval(() => this.checkAlive(), 1000);
    if (typeof window !== 'undefined') {
      window.addEventListener('offline', this.onBrowserOffline);
      window.addEventListener('online', this.onBrowserOnline);
    }
  }

  /** Our changes the server has not yet confirmed storing (counted from the moment they are made). */
  get pending(): number {
    return this.made - this.confirmed;
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
    this.watchAnswers(provider);
    this.doc.on('update', this.onLocalChange);
    provider.on('status', ({ status }) => {
      if (status === 'connected') {
        this.everConnected = true;
        this.failing = false;
        // The provider sends its own sync step 1 right after this event; its answer confirms nothing of ours.
        this.probes = [-1];
        this.waitingSince = 0;
        this.lostAt = 0;
      }
      if (this.status === 'signed-out' || this.status === 'forbidden') return;
      this.setStatus(status === 'connected' ? 'connected' : status === 'connecting' && !this.failing ? 'connecting' : 'offline');
    });
    provider.on('closed', ({ code, reason }) => this.onTerminalClose(code, reason));
    provider.on('connection-error', () => void this.explainRefusal());
    provider.on('connection-close', (event) => {
      if (!event) return;
      if (event.code === CLOSE.viewChanged) this.options.onViewChanged?.(event.reason);
      // A refused upgrade looks like 1006 in a browser: ask the server why.
      if (event.code === 1006 && !provider.wsconnected) void this.explainRefusal();
      this.failing = true;
      if (this.status === 'connecting') this.setStatus('offline');
    });
  }

  /** Notes each sync step 2 from the server: the answer to our oldest unanswered step 1. */
  private watchAnswers(provider: WebsocketProvider) {
    const handleSync = provider.messageHandlers[MESSAGE_SYNC]!;
    provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, ...rest) => {
      const step = decoding.peekVarUint(decoder);
      handleSync(encoder, decoder, ...rest);
      if (step !== syncProtocol.messageYjsSyncStep2) return;
      const mark = this.probes.shift();
      this.waitingSince = this.probes.length > 0 ? Date.now() : 0;
      if (mark !== undefined && mark > this.confirmed) this.setConfirmed(mark);
      // The first answer after (re)connecting: ask again, to confirm what we sent in reply to the server's step 1.
      if (mark === -1 && this.made > this.confirmed) this.probe();
    };
  }

  private readonly onLocalChange = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    // Changes made here (not applied from the server or from the browser's own copy).
    if (!transaction.local) return;
    this.made += 1;
    this.options.onPending?.(this.pending);
    // (After the provider has sent the change: it listens to the same event.)
    this.probeTimer ??= setTimeout(() => {
      this.probeTimer = null;
      this.probe();
    }, 50);
  };

  private setConfirmed(count: number) {
    this.confirmed = count;
    this.options.onPending?.(this.pending);
  }

  /**
   * Sends a sync step 1; the server's answer confirms every change sent before it. Only once synced:
   * until then the changes made offline are not all sent (they go in reply to the server's step 1).
   */
  private probe() {
    const ws = this.provider.ws;
    if (!this.provider.wsconnected || !this.provider.synced || !ws || ws.readyState !== 1) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    ws.send(encoding.toUint8Array(encoder));
    this.probes.push(this.made);
    if (!this.waitingSince) this.waitingSince = Date.now();
  }

  /**
   * Once a second: a connection that does not confirm our changes within ANSWER_MS is reported lost
   * (an idle one is left to the browser's `offline` event and y-websocket's own watchdog: asking an
   * idle connection made a server waiting on its database look gone before it could say so).
   */
  private checkAlive() {
    if (this.destroyed || !this.provider.wsconnected || !this.provider.synced) return;
    const heard = this.provider.wsLastMessageReceived;
    if (this.lostAt && heard >= this.lostAt) {
      // It was only slow: it answered.
      this.lostAt = 0;
      if (this.status === 'offline') this.setStatus('connected');
    }
    if (!this.lostAt && this.waitingSince && Date.now() - this.waitingSince > ANSWER_MS) this.lost();
  }

  /**
   * The connection looks gone (the browser says so, or the server stopped answering): say so at once.
   * The socket is kept: if the server is only slow (waiting on its database, say), what it says next,
   * even "try again later", still arrives, and the first message heard makes the room live again; if
   * the network is gone, y-websocket's own watchdog, or the browser's `online` event, dials again.
   */
  private lost() {
    if (this.destroyed || this.status === 'signed-out' || this.status === 'forbidden' || this.status === 'offline') return;
    this.lostAt = Date.now();
    this.setStatus('offline');
  }

  private redial() {
    if (this.destroyed || !this.provider.shouldConnect || this.provider.wsconnected && this.status === 'connected') return;
    this.probes = [];
    this.waitingSince = 0;
    this.lostAt = 0;
    this.provider.disconnect();
    this.provider.connect();
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
    this.doc.off('update', this.onLocalChange);
    this.doc.destroy();
    this.doc = new Y.Doc();
    this.made = this.confirmed = 0;
    this.probes = [];
    this.waitingSince = 0;
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
    clearInterval(this.heartbeat);
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.doc.off('update', this.onLocalChange);
    if (typeof window !== 'undefined') {
      window.removeEventListener('offline', this.onBrowserOffline);
      window.removeEventListener('online', this.onBrowserOnline);
    }
    this.provider.destroy();
  }
}
