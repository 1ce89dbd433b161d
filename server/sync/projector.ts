/**
 * Keeps the projected tables (notes, board posts, …) in step with the loaded rooms, a short debounce
 * after each change. Which rooms are projected, and how, is their kind's row in room-kinds.ts.
 */
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { writeProjection } from './projections/projection';
import { kindOf, type RoomTable } from './room-kinds';

export class Projector {
  private written = new Map<string, Map<string, string>>();
  private timers = new Map<string, NodeJS.Timeout>();
  private running = new Map<string, Promise<void>>();

  constructor(private readonly log: Logger, private readonly rooms: RoomTable, private readonly delayMs = 100) {}

  /** Projects `roomName` from `doc` now and after every change (if its kind is projected). */
  track(roomName: string, doc: Y.Doc) {
    if (!kindOf(roomName, this.rooms)?.kind.projections.length) return;
    doc.on('update', () => this.schedule(roomName, doc));
    this.schedule(roomName, doc, 0);
  }

  private schedule(roomName: string, doc: Y.Doc, delay = this.delayMs) {
    if (this.timers.has(roomName)) return;
    this.timers.set(
      roomName,
      setTimeout(() => {
        this.timers.delete(roomName);
        void this.project(roomName, doc);
      }, delay),
    );
  }

  private async project(roomName: string, doc: Y.Doc): Promise<void> {
    const previous = this.running.get(roomName);
    const run = (async () => {
      await previous;
      const found = kindOf(roomName, this.rooms);
      if (!found) return;
      try {
        for (const projection of found.kind.projections) {
          const key = `${roomName}\n${projection.table}`;
          const rows = projection.rows(roomName, found.room, doc);
          this.written.set(key, await writeProjection(projection, roomName, rows, this.written.get(key)));
        }
      } catch (error) {
        this.forget(roomName); // write everything next time
        this.log.error({ room: roomName, err: error }, 'sync: projecting a room failed');
        this.schedule(roomName, doc, 1000);
      }
    })();
    this.running.set(roomName, run);
    await run;
    if (this.running.get(roomName) === run) this.running.delete(roomName);
  }

  /** Writes any pending projection of `roomName` now (before a room unloads). */
  async flush(roomName: string, doc: Y.Doc) {
    const timer = this.timers.get(roomName);
    if (timer) {
      clearTimeout(timer);
      this.timers.delete(roomName);
      await this.project(roomName, doc);
    }
    await this.running.get(roomName);
    this.forget(roomName);
  }

  private forget(roomName: string) {
    for (const key of this.written.keys()) if (key.startsWith(`${roomName}\n`)) this.written.delete(key);
  }
}
