/**
 * Keeps this instance's rooms in step with what other instances store: a stored update whose room another
 * instance holds is announced on a PostgreSQL channel ("<room> <seq>", by the append function of migration
 * 025; with the balancer's room affinity, none are in the steady state), a room that hears of one past
 * its position reads the log, and every `repairMs` all loaded rooms are compared with storage in one
 * query, repairing a missed notification (docs/sync.md).
 */
import type { Logger } from 'pino';
import { sql } from '../../db/sql';
import { notifiesReceived } from './metrics';
import type { RoomRegistry } from './room-registry';

export const SYNC_CHANNEL = 'plenum_sync';

export class InstanceSync {
  /** Notifications heard from other instances' writes. */
  received = 0;

  constructor(private readonly rooms: RoomRegistry, private readonly log: Logger) {}

  /** Listens for other instances' writes; on (re)connect whatever was missed meanwhile is read. */
  async listen(): Promise<() => Promise<void>> {
    const listener = await sql.listen(
      SYNC_CHANNEL,
      (payload) => this.onNotify(payload),
      () => void this.repairAll(),
    );
    return () => listener.unlisten();
  }

  private onNotify(payload: string) {
    this.received += 1;
    notifiesReceived.inc();
    const space = payload.lastIndexOf(' ');
    const name = payload.slice(0, space);
    const seq = Number(payload.slice(space + 1));
    const room = this.rooms.get(name);
    if (room && seq > room.appliedThrough) void room.catchUp().catch((error: unknown) => this.log.warn({ room: name, err: error }, 'sync: catch-up failed'));
  }

  /** Compares every loaded room's position with storage and reads what it missed. */
  async repairAll() {
    const loaded = this.rooms.loaded();
    if (loaded.length === 0) return;
    try {
      const heads = await sql<{ name: string; head: string }[]>`
        SELECT name, head FROM sync_rooms WHERE name = ANY(${sql.array(loaded.map((r) => r.name))})`;
      for (const { name, head } of heads) {
        const room = loaded.find((r) => r.name === name);
        if (room && Number(head) > room.appliedThrough) await room.catchUp();
      }
    } catch (error) {
      this.log.warn({ err: error }, 'sync: repair pass failed');
    }
  }
}
