/**
 * Which rooms this instance holds, and which of them it owns (db/migrations/025_room_owners.sql).
 *
 * Behind the balancer each room's clients go to one instance, chosen by a hash of the room's name. That
 * instance claims the room when it loads it (or when a client arrives while another instance owns it):
 * the newest claim owns the room. An update is announced to other instances only while another one
 * holds its room, so a balanced cluster sends no notification per update. When the hash moves (an
 * instance died, or came back), the new owner's claim is announced on `plenum_room`, and the old
 * holder, with `affinity` set, sends its clients of that room on: they reconnect through the balancer
 * to the new owner, and the old holder unloads the room after its grace period.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { sql } from '../../db/sql';
import { notifiesSent, roomsMoved } from './metrics';

export const ROOM_CHANNEL = 'plenum_room';
/** On ROOM_CHANNEL in place of a room: an instance started ("+ <id>"). */
const JOINED = '+';

export interface OwnershipOptions {
  /** What operators call this instance (host:port, a container's name). */
  name: string;
  /** How often this instance says it is alive. */
  heartbeatMs: number;
  /** An instance not heard from for this long is dead; its rooms are no longer counted as held. */
  deadAfterMs: number;
  /** The balancer routes each room to one instance: send a room's clients on when another instance claims it. */
  affinity: boolean;
  /**
   * Where the balancer answers: when an instance joins (or comes back), the rooms the balancer now sends
   * to it are found by asking the balancer who answers for each room held here (`GET /sync/<room>?owner`
   * is routed like the room's sockets), and their clients are sent on.
   */
  balancerUrl?: string;
  /** How long after an instance joins the balancer starts sending it rooms (its health checks pass). */
  settleMs: number;
  log: Logger;
}

interface Holding {
  owned: boolean;
  /** When this instance claimed it (kept to re-record the claim if this instance's rows were removed). */
  claimedAt: Date;
}

export class RoomOwnership {
  readonly id = randomUUID();
  private readonly held = new Map<string, Holding>();
  private timer: NodeJS.Timeout | null = null;
  private rebalanceTimer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  /** Notifications sent for claims, for /healthz. */
  claimNotifies = 0;

  constructor(
    private readonly options: OwnershipOptions,
    /** Called when another instance took a room this one holds, with `affinity` set: close its connections. */
    private readonly onMoved: (room: string) => void,
  ) {}

  async start() {
    await this.heartbeat();
    const listener = await sql.listen(ROOM_CHANNEL, (payload) => this.onClaim(payload));
    this.unlisten = () => listener.unlisten();
    this.timer = setInterval(() => void this.heartbeat(), this.options.heartbeatMs);
    this.timer.unref();
    // Also now and then, should the balancer have changed its mind without an instance starting.
    this.sweepTimer = setInterval(() => void this.rebalance(), 30_000);
    this.sweepTimer.unref();
    // Others may hold rooms the balancer will send here now.
    await sql`SELECT pg_notify(${ROOM_CHANNEL}, ${JOINED} || ' ' || ${this.id})`;
  }

  /**
   * Asks the balancer which instance answers for each room this one owns, and sends on the clients of
   * those it no longer answers for (a consistent hash moves rooms back to an instance that returned,
   * but the sockets already open stay where they are until told).
   */
  async rebalance(): Promise<void> {
    const balancer = this.options.balancerUrl;
    if (!balancer || !this.options.affinity) return;
    const rooms = [...this.held].filter(([, h]) => h.owned).map(([room]) => room);
    for (const room of rooms) {
      // The same path as the clients' sockets (y-websocket does not encode the name): the same hash.
      const answer = await fetch(`${balancer}/sync/${room}?owner`, { signal: AbortSignal.timeout(2000) })
        .then((r) => (r.ok ? (r.json() as Promise<{ instance?: string }>) : null))
        .catch(() => null);
      if (answer?.instance && answer.instance !== this.id && this.owns(room)) this.letGo(room, answer.instance);
    }
  }

  /** Another instance has `room` now: this one no longer owns it and, with affinity, sends its clients there. */
  private letGo(room: string, to: string) {
    this.held.get(room)!.owned = false;
    if (!this.options.affinity) return;
    roomsMoved.inc();
    this.options.log.info({ room, to }, 'sync: room moved to another instance; sending its clients there');
    this.onMoved(room);
  }

  /**
   * Records that this instance holds `room` and owns it, before the room is read: an append to the room
   * then either sees this holder and announces itself, or was committed before the read (the room's row
   * lock orders the two; see the migration).
   */
  async claim(room: string): Promise<void> {
    const { id } = this;
    const { name } = this.options;
    const claimedAt = await sql.begin(async (tx) => {
      await tx`INSERT INTO sync_instances (id, name) VALUES (${id}, ${name}) ON CONFLICT (id) DO UPDATE SET seen_at = now()`;
      await tx`INSERT INTO sync_rooms (name) VALUES (${room}) ON CONFLICT DO NOTHING`;
      await tx`SELECT 1 FROM sync_rooms WHERE name = ${room} FOR SHARE`;
      const [row] = await tx<{ claimed_at: Date }[]>`
        INSERT INTO sync_room_holders (room, instance) VALUES (${room}, ${id})
        ON CONFLICT (room, instance) DO UPDATE SET claimed_at = clock_timestamp()
        RETURNING claimed_at`;
      const [told] = await tx<{ n: number }[]>`
        SELECT count(pg_notify(${ROOM_CHANNEL}, ${room} || ' ' || ${id}))::int AS n
        WHERE EXISTS (SELECT 1 FROM sync_room_holders WHERE room = ${room} AND instance <> ${id})`;
      this.claimNotifies += told!.n;
      if (told!.n > 0) notifiesSent.inc({ kind: 'claim' }, told!.n);
      return row!.claimed_at;
    });
    this.held.set(room, { owned: true, claimedAt });
  }

  /** Whether this instance holds `room` and no other instance has claimed it since. */
  owns(room: string): boolean {
    return this.held.get(room)?.owned ?? false;
  }

  /** The room was unloaded: this instance no longer holds it. */
  async release(room: string): Promise<void> {
    this.held.delete(room);
    await sql`DELETE FROM sync_room_holders WHERE room = ${room} AND instance = ${this.id}`.catch((error: unknown) =>
      // Harmless if it stays: the room is announced for nothing until this instance's rows are removed.
      this.options.log.warn({ room, err: error }, 'sync: could not record that a room was unloaded'),
    );
  }

  /** Rooms this instance owns, and how many it holds that another instance has claimed since. */
  summary() {
    const owned = [...this.held].filter(([, h]) => h.owned).map(([room]) => room);
    return { instance: this.options.name, id: this.id, owned, heldNotOwned: this.held.size - owned.length };
  }

  private onClaim(payload: string) {
    const space = payload.lastIndexOf(' ');
    const room = payload.slice(0, space);
    const claimant = payload.slice(space + 1);
    if (claimant === this.id) return;
    if (room === JOINED) {
      this.rebalanceTimer ??= setTimeout(() => {
        this.rebalanceTimer = null;
        void this.rebalance();
      }, this.options.settleMs);
      return;
    }
    if (this.held.has(room)) this.letGo(room, claimant);
  }

  /**
   * Says this instance is alive and removes instances that are not (with their holdings). If this
   * instance's own rows were removed meanwhile (PostgreSQL was out of reach for longer than
   * `deadAfterMs`), records its holdings again, with their original claim times.
   */
  private async heartbeat() {
    try {
      const [me] = await sql<{ inserted: boolean }[]>`
        INSERT INTO sync_instances (id, name) VALUES (${this.id}, ${this.options.name})
        ON CONFLICT (id) DO UPDATE SET seen_at = now()
        RETURNING (xmax = 0) AS inserted`;
      if (me!.inserted && this.held.size > 0) {
        const rows = [...this.held].map(([room, h]) => ({ room, instance: this.id, claimed_at: h.claimedAt }));
        await sql`INSERT INTO sync_room_holders ${sql(rows)} ON CONFLICT DO NOTHING`;
      }
      await sql`DELETE FROM sync_instances WHERE seen_at < now() - make_interval(secs => ${this.options.deadAfterMs / 1000})`;
    } catch (error) {
      this.options.log.warn({ err: error }, 'sync: heartbeat failed');
    }
  }

  /** At shutdown: this instance holds nothing any more. */
  async stop() {
    if (this.timer) clearInterval(this.timer);
    if (this.rebalanceTimer) clearTimeout(this.rebalanceTimer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.unlisten?.().catch(() => {});
    await sql`DELETE FROM sync_instances WHERE id = ${this.id}`.catch(() => {});
  }
}
