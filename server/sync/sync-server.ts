/**
 * Plenum's y-websocket server on the app's own port: authenticates and authorises each upgrade to
 * /sync/<room> and hands the socket to its room. The rooms held in memory are room-registry.ts's,
 * other instances' writes arrive through instance-sync.ts, open connections are checked again by
 * access-recheck.ts (docs/sync.md).
 */
import type { IncomingMessage, Server } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { ACCESS_CHANNEL } from '../../db/queries/access-changes';
import { sql } from '../../db/sql';
import { readSessionToken } from '~/lib/auth.server';
import { validateSessionToken } from '~/lib/session.server';
import { CLOSE } from '~/lib/sync-codes';
import { withDeadline } from '../deadline';
import { recheckConnections } from './access-recheck';
import { authorizeRoom } from './authorize';
import { peerFilterFor } from './peer-filter';
import { Connection, type ConnectionInfo, type ConnectionLimits } from './connection';
import { GroupCommit } from './group-commit';
import { InstanceSync } from './instance-sync';
import { MemberBudgets, type MemberLimits } from './member-limits';
import { appendUpdates } from './persistence';
import { Projector } from './projector';
import { kindOf, ROOM_TABLE, type RoomTable } from './room-kinds';
import { countClose, countRefusedUpgrade, watchServer } from './metrics';
import { RoomOwnership, type OwnershipOptions } from './room-ownership';
import { RoomRegistry } from './room-registry';
import type { RoomQuota } from './room-size';
import type { CheckLimits } from './write-rules';

export interface SyncOptions {
  log: Logger;
  /** The app's public origin; unset: the Host the request came to (either scheme). */
  publicOrigin?: string;
  maxMessageBytes: number;
  /** What checking one update may cost before it is refused (write-rules.ts). */
  checkLimits: CheckLimits;
  /** How much a member, and a whole room, may keep (room-size.ts). */
  quota: RoomQuota;
  /** How long a room stays loaded after its last connection leaves. */
  roomGraceMs: number;
  compactEvery: number;
  /** How often sessions and memberships of open connections are checked again. */
  authRecheckMs: number;
  /** How often sockets are pinged; one that did not answer the last ping is dropped. */
  pingMs: number;
  /** How often loaded rooms are compared with storage, repairing missed notifications. */
  repairMs: number;
  awarenessTickMs: number;
  awarenessMaxBytes: number;
  /** How long an update may wait for its dependencies. */
  holdMs: number;
  /** How long storing a batch may take before its writers are told to try again later. */
  storeTimeoutMs: number;
  /** This instance's name, heartbeat, and whether the balancer routes each room to one instance (room-ownership.ts). */
  ownership: Omit<OwnershipOptions, 'log'>;
  limits: ConnectionLimits;
  /** Limits per member over all their sockets. */
  memberLimits: MemberLimits;
  /** The kinds of room served (room-kinds.ts); tests add a scratch kind. */
  rooms?: RoomTable;
}

type Check = { ok: true; info: ConnectionInfo } | { ok: false; status: number; reason: string };

/** How long checking an upgrade may wait for PostgreSQL before answering 503 (a hung database must not hang it). */
const CHECK_DEADLINE_MS = 2000;

export class SyncServer {
  private readonly wss: WebSocketServer;
  private readonly table: RoomTable;
  private readonly rooms: RoomRegistry;
  private readonly instances: InstanceSync;
  private readonly connections = new Set<Connection>();
  private readonly groupCommit: GroupCommit;
  private readonly ownership: RoomOwnership;
  private readonly timers: NodeJS.Timeout[] = [];
  private unlisten: (() => Promise<void>) | null = null;
  private closing = false;
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });
  /** The same, over the last whole 10 seconds: what the process is like now, not since it started. */
  private readonly recentLoopDelay = monitorEventLoopDelay({ resolution: 10 });
  private lastWindowLoopP99: number | null = null;
  private readonly budgets: MemberBudgets;

  constructor(private readonly options: SyncOptions) {
    this.budgets = new MemberBudgets(options.memberLimits);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
    this.table = options.rooms ?? ROOM_TABLE;
    this.ownership = new RoomOwnership({ ...options.ownership, log: options.log }, (room) => this.sendOn(room));
    this.groupCommit = new GroupCommit(1000, (batch) => appendUpdates(batch, sql, this.ownership.id), options.storeTimeoutMs);
    const roomOptions = {
      groupCommit: this.groupCommit,
      compactEvery: options.compactEvery,
      awarenessTickMs: options.awarenessTickMs,
      awarenessMaxBytes: options.awarenessMaxBytes,
      maxHeldBytes: options.maxMessageBytes,
      maxHeldMs: options.holdMs,
      checkLimits: options.checkLimits,
      quota: options.quota,
      log: options.log,
    };
    this.rooms = new RoomRegistry(this.table, roomOptions, new Projector(options.log, this.table), options.roomGraceMs, this.ownership, options.log);
    this.instances = new InstanceSync(this.rooms, options.log);
  }

  /** Starts listening for other instances' writes and takes over /sync/ upgrades of `server`. */
  async start(server: Server) {
    this.loopDelay.enable();
    this.recentLoopDelay.enable();
    this.timers.push(
      setInterval(() => {
        this.lastWindowLoopP99 = Number((this.recentLoopDelay.percentile(99) / 1e6).toFixed(2));
        this.recentLoopDelay.reset();
      }, 10_000).unref(),
    );
    await this.ownership.start();
    watchServer(() => {
      const { owned, heldNotOwned } = this.ownership.summary();
      return { connections: this.connections.size, owned: owned.length, heldNotOwned, updatesPerSecond: this.stats().updatesPerSecond };
    });
    const unlistenInstances = await this.instances.listen();
    const access = await sql.listen(ACCESS_CHANNEL, (userId) => void this.recheckAuth(userId));
    this.unlisten = async () => {
      await unlistenInstances();
      await access.unlisten();
    };
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      // Only /sync/: Vite's dev server upgrades its own HMR socket on the same server.
      if (!req.url?.startsWith('/sync/')) return;
      void this.upgrade(req, socket, head);
    });
    this.timers.push(setInterval(() => void this.recheckAuth(), this.options.authRecheckMs).unref());
    this.timers.push(setInterval(() => void this.instances.repairAll(), this.options.repairMs).unref());
    // A client that vanished without closing (a dead network, a laptop shut) is found out here: its
    // presence would otherwise stay on everyone's screen until TCP gave up, hours later.
    this.timers.push(setInterval(() => this.connections.forEach((c) => c.ping()), this.options.pingMs).unref());
  }

  /** GET /sync/<room> without an upgrade: tells a client (which cannot read a refused upgrade's status) why. */
  readonly checkHandler = async (req: Request, res: Response) => {
    // Asked through the balancer by another instance: which instance answers for this room (room-ownership.ts).
    if (req.query.owner !== undefined) return void res.json({ instance: this.ownership.id });
    const check = await withDeadline(this.check(req), CHECK_DEADLINE_MS, 'the room check').catch(() => ({ ok: false as const, status: 503, reason: 'storage unavailable' }));
    if (check.ok) res.json({ ok: true, role: check.info.role });
    else res.status(check.status).json({ ok: false, reason: check.reason });
  };

  private expectedOrigins(req: IncomingMessage): string[] {
    if (this.options.publicOrigin) return [this.options.publicOrigin];
    const host = req.headers.host ?? '';
    return [`http://${host}`, `https://${host}`];
  }

  /** Who is asking for which room, and may they have it. */
  private async check(req: IncomingMessage): Promise<Check> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    let roomName: string;
    try {
      roomName = decodeURIComponent(path.slice('/sync/'.length));
    } catch {
      return { ok: false, status: 404, reason: 'no such room' };
    }
    const found = kindOf(roomName, this.table);
    if (!found) return { ok: false, status: 404, reason: 'no such room' };
    const { room, kind } = found;
    const origin = req.headers.origin;
    if (req.headers.upgrade && (!origin || !this.expectedOrigins(req).includes(origin))) {
      return { ok: false, status: 403, reason: 'connections only from Plenum’s own pages' };
    }
    const token = readSessionToken(req.headers.cookie ?? null);
    const { session, user } = token ? await validateSessionToken(token) : { session: null, user: null };
    if (!session) return { ok: false, status: 401, reason: 'sign in first' };
    const access = await authorizeRoom(user.id, room, kind);
    if (!access.ok) return { ok: false, status: access.status, reason: access.reason };
    const peers = await peerFilterFor(room, kind, user.id, access.role);
    return {
      ok: true,
      info: { user: { id: user.id, displayName: user.displayName }, sessionId: session.id, role: access.role, courseId: room.courseId, roomName, kind, peers },
    };
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const refuse = (status: number, reason: string) => {
      this.options.log.info({ url: req.url, status, reason }, 'sync: upgrade refused');
      countRefusedUpgrade(status);
      if (!socket.destroyed) {
        socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
      }
    };
    socket.on('error', () => socket.destroy());
    if (this.closing) return refuse(503, 'shutting down');
    let check: Check;
    try {
      check = await withDeadline(this.check(req), CHECK_DEADLINE_MS, 'the upgrade check');
    } catch (error) {
      this.options.log.error({ err: error }, 'sync: could not check an upgrade');
      return refuse(503, 'storage unavailable');
    }
    if (!check.ok) return refuse(check.status, check.reason);
    if (socket.destroyed || this.closing) return socket.destroy();
    const info = check.info;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const budget = this.budgets.open(info.user.id, info.roomName);
      if (typeof budget === 'string') {
        this.options.log.warn({ room: info.roomName, user: info.user.id, reason: budget }, 'sync: connection refused');
        countClose(CLOSE.rateLimited);
        ws.close(CLOSE.rateLimited, budget);
        return;
      }
      const ready = this.rooms.acquire(info.roomName);
      const connection = new Connection(ws, info, ready, this.options.limits, budget, this.options.log);
      this.connections.add(connection);
      this.options.log.info({ room: info.roomName, user: info.user.id, role: info.role }, 'sync: connection opened');
      ws.on('close', (code, reason) => {
        this.connections.delete(connection);
        connection.detach();
        this.rooms.release(info.roomName);
        this.budgets.close(info.user.id, info.roomName);
        this.options.log.info({ room: info.roomName, user: info.user.id, code, reason: reason.toString() }, 'sync: connection closed');
      });
      ws.on('error', (error: Error & { code?: string }) => {
        if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') countClose(1009);
        this.options.log.warn({ room: info.roomName, user: info.user.id, err: error }, 'sync: socket error');
      });
    });
  }

  /**
   * Disconnects connections whose session ended or whose member may no longer be in their room;
   * updates roles that changed (access-recheck.ts). Runs every `authRecheckMs`, and at once for
   * `userId`'s connections when any instance announces that their access changed.
   */
  recheckAuth(userId?: string) {
    return recheckConnections([...this.connections].filter((c) => userId === undefined || c.user.id === userId), this.table, this.options.log);
  }

  /** Another instance claimed `room` (the balancer sends its clients there now): its clients here reconnect there. */
  private sendOn(room: string) {
    for (const connection of this.connections) {
      if (connection.roomName === room) connection.close(CLOSE.roomMoved, 'this room moved to another server: reconnecting');
    }
  }

  /** What /healthz reports: load, throughput over the last 10 s, write batches and persist latency. */
  stats({ roomNames = false } = {}) {
    const { batches, updates, lastBatchSize, maxBatchSize, notifies, recent } = this.groupCommit.stats;
    const { instance, owned, heldNotOwned } = this.ownership.summary();
    const window = recent.filter((b) => b.at > Date.now() - 10_000);
    const latencies = window.map((b) => b.ms).sort((a, b) => a - b);
    const pick = (q: number) => (latencies.length ? Number(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(2)) : null);
    return {
      instance,
      rooms: this.rooms.loaded().length,
      // Room names name courses and members: only operators see them (server/app.ts).
      ownedRooms: roomNames ? owned : owned.length,
      heldNotOwned,
      connections: this.connections.size,
      updatesPerSecond: window.reduce((n, b) => n + b.size, 0) / 10,
      writeBatches: { batches, updates, meanSize: batches ? Number((updates / batches).toFixed(2)) : 0, lastSize: lastBatchSize, maxSize: maxBatchSize },
      persistLatencyMs: { p50: pick(0.5), p99: pick(0.99) },
      // Sent by this instance since it started: per stored update, and per room claimed while another instance held it.
      notifies: { updates: notifies, claims: this.ownership.claimNotifies, received: this.instances.received },
      process: {
        rssMiB: Math.round(process.memoryUsage.rss() / 1024 / 1024),
        eventLoopDelayMs: {
          p50: Number((this.loopDelay.percentile(50) / 1e6).toFixed(2)),
          p99: Number((this.loopDelay.percentile(99) / 1e6).toFixed(2)),
          last10sP99: this.lastWindowLoopP99,
        },
      },
    };
  }

  /** Shutdown: refuse new connections, store what is pending, close every socket with 1001. */
  async close() {
    this.closing = true;
    this.loopDelay.disable();
    this.recentLoopDelay.disable();
    for (const timer of this.timers) clearInterval(timer);
    await this.groupCommit.drain();
    for (const connection of this.connections) connection.close(CLOSE.goingAway, 'server restarting');
    this.rooms.stopTimers();
    await this.unlisten?.().catch(() => {});
    await this.ownership.stop();
    this.wss.close();
  }
}
