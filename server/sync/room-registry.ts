/**
 * The rooms this instance holds in memory: loaded on the first connection, kept while any connection
 * uses them and a grace period after, then compacted, projected one last time and dropped. Each is
 * claimed (room-ownership.ts) before it is read, and claimed again when a client arrives for a room
 * another instance has claimed since: the balancer sends a room's clients to its owner.
 */
import type { Logger } from 'pino';
import type { Projector } from './projector';
import { Room, type RoomOptions } from './room';
import { kindOf, type RoomTable } from './room-kinds';
import type { RoomOwnership } from './room-ownership';

interface LoadedRoom {
  ready: Promise<Room>;
  room: Room | null;
  connections: number;
  unloadTimer: NodeJS.Timeout | null;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, LoadedRoom>();

  constructor(
    private readonly table: RoomTable,
    private readonly roomOptions: RoomOptions,
    private readonly projector: Projector,
    /** How long a room stays loaded after its last connection leaves. */
    private readonly graceMs: number,
    private readonly ownership: RoomOwnership,
    private readonly log: Logger,
  ) {}

  /** The room, loading it if need be, counted as used by one more connection until `release`. */
  acquire(name: string): Promise<Room> {
    let loaded = this.rooms.get(name);
    if (!loaded) {
      const kind = kindOf(name, this.table)?.kind;
      if (!kind) return Promise.reject(new Error(`no room kind for ${name}`));
      const entry: LoadedRoom = { ready: null as unknown as Promise<Room>, room: null, connections: 0, unloadTimer: null };
      entry.ready = this.ownership.claim(name).then(() => Room.load(name, kind.rule, this.roomOptions)).then(
        (room) => {
          this.projector.track(name, room.doc);
          return (entry.room = room);
        },
        (error: unknown) => {
          if (this.rooms.get(name) === entry) this.rooms.delete(name);
          throw error;
        },
      );
      this.rooms.set(name, (loaded = entry));
    } else if (loaded.room && !this.ownership.owns(name)) {
      void this.ownership.claim(name).catch((error: unknown) => this.log.warn({ room: name, err: error }, 'sync: could not claim a room'));
    }
    loaded.connections += 1;
    if (loaded.unloadTimer) {
      clearTimeout(loaded.unloadTimer);
      loaded.unloadTimer = null;
    }
    return loaded.ready;
  }

  release(name: string) {
    const loaded = this.rooms.get(name);
    if (!loaded || --loaded.connections > 0) return;
    loaded.unloadTimer = setTimeout(() => void this.unload(name, loaded), this.graceMs);
    loaded.unloadTimer.unref();
  }

  private async unload(name: string, loaded: LoadedRoom) {
    if (this.rooms.get(name) !== loaded || loaded.connections > 0) return;
    this.rooms.delete(name);
    const room = await loaded.ready.catch(() => null);
    if (!room) return;
    await room.compact();
    await this.projector.flush(name, room.doc).catch((error: unknown) => this.log.error({ room: name, err: error }, 'sync: last projection failed'));
    room.destroy();
    if (!this.rooms.has(name)) await this.ownership.release(name);
  }

  /** The loaded room of that name, if it is loaded. */
  get(name: string): Room | null {
    return this.rooms.get(name)?.room ?? null;
  }

  /** Every room loaded now. */
  loaded(): Room[] {
    return [...this.rooms.values()].flatMap((l) => (l.room ? [l.room] : []));
  }

  /** Stops the unload timers (at shutdown: nothing is unloaded half-way). */
  stopTimers() {
    for (const loaded of this.rooms.values()) if (loaded.unloadTimer) clearTimeout(loaded.unloadTimer);
  }
}
