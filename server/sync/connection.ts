/**
 * One client's WebSocket in one room. Messages are handled strictly in arrival order (a Yjs client's
 * updates depend on each other), starting as soon as the socket opens, even while the room loads.
 */
import * as decoding from 'lib0/decoding';
import type { Logger } from 'pino';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocket, type RawData } from 'ws';
import type * as Y from 'yjs';
import type { Role } from '../../db/queries/courses';
import type { RoomKindSpec } from '~/lib/rooms/kinds';
import { CLOSE } from '~/lib/sync-codes';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from './messages';
import type { PeerFilter } from './peer-filter';
import { colorFor, type Identity } from './presence';
import type { MemberBudget } from './member-limits';
import { TokenBucket } from './token-bucket';
import { countClose } from './metrics';

export interface ConnectionInfo {
  user: { id: string; displayName: string };
  sessionId: string;
  role: Role;
  courseId: string;
  roomName: string;
  /** The room's kind: which roots each role may write. */
  kind: Pick<RoomKindSpec, 'writableRoots'>;
  /** Whose entries may be sent to this member (a peer gate, peer-filter.ts); null: everyone's. */
  peers: PeerFilter;
}

/** What a connection asks of its room (room.ts): the room knows its connections, not the other way round. */
export interface RoomPort {
  readonly doc: Y.Doc;
  join(connection: Connection): void;
  leave(connection: Connection): void;
  /** The server's sync step 1 to `connection`. */
  greeting(connection: Connection): Uint8Array;
  syncAnswer(stateVector: Uint8Array, connection: Connection): Uint8Array;
  /** False when the connection was closed for it. */
  receiveUpdate(connection: Connection, update: Uint8Array): Promise<boolean>;
  receivePresence(connection: Connection, update: Uint8Array): void;
  presenceSnapshot(): Uint8Array | null;
}

export interface ConnectionLimits {
  /** Updates: burst and sustained rate per second; beyond it the connection is closed. */
  updateBurst: number;
  updatesPerSecond: number;
  /** Presence: burst and rate; beyond it presence messages are dropped. */
  presenceBurst: number;
  presencePerSecond: number;
  /** Outgoing bytes a slow client may let pile up before it is disconnected. */
  maxBufferedBytes: number;
}

/** Thrown to stop handling a connection's messages once it is closed. */
class Closed extends Error {}

/** Bytes of messages one connection may have waiting to be handled. */
const MAX_QUEUED_BYTES = 8 * 1024 * 1024;

/** A sync step 2 or update message (type 0, step 1 or 2: single bytes at the start of the frame). */
function isUpdateMessage(data: Buffer) {
  return data[0] === MESSAGE_SYNC && (data[1] === syncProtocol.messageYjsSyncStep2 || data[1] === syncProtocol.messageYjsUpdate);
}

export class Connection {
  readonly user: ConnectionInfo['user'];
  readonly sessionId: string;
  readonly courseId: string;
  readonly roomName: string;
  readonly presenceClients = new Set<number>();
  readonly presenceBucket: TokenBucket;
  private readonly updateBucket: TokenBucket;
  private queue: Promise<void>;
  private room: RoomPort | null = null;
  private readonly kind: ConnectionInfo['kind'];
  private _role: Role;
  private roots: Set<string>;
  /** Whose entries this member may be sent (a closed peer gate); null: everyone's. Rechecked with access. */
  peers: PeerFilter;
  closed = false;
  private queuedBytes = 0;
  /** The socket answered the last ping (or has not been pinged yet). */
  private answered = true;

  constructor(
    readonly ws: WebSocket,
    info: ConnectionInfo,
    roomReady: Promise<RoomPort>,
    private readonly limits: ConnectionLimits,
    /** The member's budget, shared by all their sockets. */
    private readonly budget: MemberBudget,
    private readonly log: Logger,
  ) {
    this.user = info.user;
    this.sessionId = info.sessionId;
    this.courseId = info.courseId;
    this.roomName = info.roomName;
    this._role = info.role;
    this.kind = info.kind;
    this.peers = info.peers;
    this.roots = this.rootsFor(info.role);
    this.presenceBucket = new TokenBucket(limits.presenceBurst, limits.presencePerSecond);
    this.updateBucket = new TokenBucket(limits.updateBurst, limits.updatesPerSecond);
    // Attached before anything is awaited, so no early message is lost.
    ws.on('message', (data, isBinary) => this.enqueue(data, isBinary));
    ws.on('pong', () => (this.answered = true));
    this.queue = roomReady.then(
      (room) => this.open(room),
      (error: unknown) => {
        this.log.error({ room: this.roomName, err: error }, 'sync: room failed to load');
        this.close(CLOSE.tryAgainLater, 'the room could not be loaded, try again later');
      },
    );
  }

  get role(): Role {
    return this._role;
  }

  /** A changed role changes what this member may write (in most rooms instructors also write `mod`). */
  set role(role: Role) {
    this._role = role;
    this.roots = this.rootsFor(role);
  }

  get allowedRoots(): ReadonlySet<string> {
    return this.roots;
  }

  get identity(): Identity {
    return { id: this.user.id, name: this.user.displayName, role: this._role, color: colorFor(this.user.id) };
  }

  private rootsFor(role: Role) {
    return new Set(this.kind.writableRoots({ userId: this.user.id, role }));
  }

  private open(room: RoomPort) {
    if (this.closed) return; // gone before the room loaded
    this.room = room;
    room.join(this);
    this.send(room.greeting(this));
    const presence = room.presenceSnapshot();
    if (presence) this.send(presence);
  }

  /**
   * Messages wait their turn here. Updates are counted against the rate limits as they arrive, not
   * as they are handled, so a flood is cut off before it queues up, and what waits is capped in bytes.
   */
  private enqueue(data: RawData, isBinary: boolean) {
    if (this.closed) return;
    const size = data instanceof Buffer ? data.byteLength : 0;
    if (data instanceof Buffer && isUpdateMessage(data) && (!this.updateBucket.take() || !this.budget.updates.take())) {
      this.close(CLOSE.rateLimited, 'too many updates: slow down');
      return;
    }
    if (this.queuedBytes + size > MAX_QUEUED_BYTES) {
      this.close(CLOSE.rateLimited, 'too much sent at once: slow down');
      return;
    }
    this.queuedBytes += size;
    this.queue = this.queue
      .then(() => this.handle(data, isBinary))
      .catch((error: unknown) => {
        if (error instanceof Closed) return;
        this.log.warn({ room: this.roomName, user: this.user.id, err: error }, 'sync: malformed message');
        this.close(CLOSE.malformed, 'malformed message');
      })
      .finally(() => {
        this.queuedBytes -= size;
      });
  }

  private async handle(data: RawData, isBinary: boolean) {
    if (this.closed || !this.room) throw new Closed();
    if (!isBinary || !(data instanceof Buffer)) throw new Error('not a binary frame');
    const room = this.room;
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
      if (step === syncProtocol.messageYjsSyncStep1) {
        this.send(room.syncAnswer(payload, this));
      } else if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
        if (!(await room.receiveUpdate(this, payload))) throw new Closed();
      } else {
        throw new Error(`unknown sync step ${step}`);
      }
    } else if (type === MESSAGE_AWARENESS) {
      const payload = decoding.readVarUint8Array(decoder);
      if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
      room.receivePresence(this, payload);
    } else if (type === MESSAGE_QUERY_AWARENESS) {
      if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
      const presence = room.presenceSnapshot();
      if (presence) this.send(presence);
    } else {
      throw new Error(`unknown message type ${type}`);
    }
  }

  /** Charges `count` changes to the member's budget; false (and closed) when it is spent. */
  takeChanges(count: number): boolean {
    if (this.budget.changes.take(count)) return true;
    this.close(CLOSE.rateLimited, 'too many changes: slow down');
    return false;
  }

  send(message: Uint8Array) {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CLOSE.tryAgainLater, 'connection too slow to keep up');
      return;
    }
    this.ws.send(message, { binary: true });
  }

  /** Closes with a code and reason the client understands (reason cut to the 123 bytes allowed). */
  close(code: number, reason: string) {
    if (this.closed) return;
    this.closed = true;
    countClose(code);
    const bytes = Buffer.from(reason);
    const cut = bytes.length > 123 ? bytes.subarray(0, 120).toString() + '…' : reason;
    this.ws.close(code, Buffer.byteLength(cut) > 123 ? reason.slice(0, 60) : cut);
  }

  /** Pings the socket; one that did not answer the previous ping is gone, and is dropped. */
  ping() {
    if (!this.answered) {
      this.log.info({ room: this.roomName, user: this.user.id }, 'sync: no answer to ping, dropping the connection');
      this.ws.terminate();
      return;
    }
    this.answered = false;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.ping();
  }

  /** Called once the socket is gone. */
  detach() {
    this.closed = true;
    this.room?.leave(this);
  }
}
