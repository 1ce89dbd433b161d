/**
 * One room: a Y.Doc with its presence, the connections in it, and the write path — check, store,
 * then apply and broadcast. Updates stored by other instances arrive through `catchUp`.
 *
 * Longer than most modules on purpose: the write path's order (check, store, apply, broadcast, answer)
 * and the catch-up and compaction that must not interleave with it are one piece of state, and reading
 * them in one file is how their ordering is kept right.
 */
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { formatBytes } from '~/lib/format';
import { MOD_BRANCH } from '~/lib/rooms/kinds';
import { CLOSE } from '~/lib/sync-codes';
import type { Connection, RoomPort } from './connection';
import type { GroupCommit } from './group-commit';
import * as syncProtocol from 'y-protocols/sync';
import { awarenessMessage, syncMessage, syncStep1Message, syncStep2Message, updateMessage } from './messages';
import { filteredDiff, filteredStateVector, filteredUpdate } from './peer-filter';
import { readRoom, writeSnapshot, writingClients } from './persistence';
import { decodeAwareness, encodeAwareness, restamp } from './presence';
import type { RoomRule } from './room-rules';
import { RoomSize, type RoomQuota } from './room-size';
import { checkUpdate, decodeForCheck, type CheckLimits, type NewItem } from './write-rules';

export interface RoomOptions {
  groupCommit: GroupCommit;
  /** Compact once this many updates were stored since the last compaction. */
  compactEvery: number;
  /** Presence changes are sent out at most once per tick, combined. */
  awarenessTickMs: number;
  awarenessMaxBytes: number;
  /** An update waiting for its dependencies may grow to this size and wait this long. */
  maxHeldBytes: number;
  maxHeldMs: number;
  /** What checking one update may cost before it is refused. */
  checkLimits: CheckLimits;
  /** How much a member, and the whole room, may keep. */
  quota: RoomQuota;
  log: Logger;
}

/** Origin of updates read back from the database (stored by any instance). */
const FROM_STORAGE = Symbol('from storage');
/** How many presence client ids one connection may speak for (tabs share a connection each). */
const MAX_PRESENCE_CLIENTS = 4;

/** An update that builds on items not yet received, waiting for them (see receiveUpdate). */
interface HeldUpdate {
  update: Uint8Array;
  timer: NodeJS.Timeout;
}

export class Room implements RoomPort {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  /** Which member first wrote with each Yjs client id. */
  readonly owners = new Map<number, string>();
  /** Every update with a sequence number up to this one is applied. */
  appliedThrough = 0;
  private appliedAbove = new Set<number>();
  private storedSinceCompaction = 0;
  private compacting: Promise<void> | null = null;
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;
  private presenceHolders = new Map<number, Connection>();
  private presenceChanged = new Set<number>();
  private presenceTimer: NodeJS.Timeout | null = null;
  private held = new Map<Connection, HeldUpdate>();
  /** What each member's entries take, for the quota. */
  private readonly size: RoomSize;
  /** The whole room as a sync answer, for clients that have nothing yet; dropped on any change. */
  private fullState: Uint8Array | null = null;

  private constructor(
    readonly name: string,
    /** The rule of this kind of room beyond the structural one (room-kinds.ts). */
    private readonly roomRule: RoomRule,
    private readonly options: RoomOptions,
  ) {
    this.size = new RoomSize(this.doc);
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.fullState = null;
      const message = updateMessage(update);
      for (const connection of this.connections) {
        if (connection === origin) continue;
        if (!connection.peers) {
          connection.send(message);
          continue;
        }
        // A member behind a peer gate is sent only their own and the instructors' items.
        const visible = filteredUpdate(update, this.owners, connection.peers);
        if (visible) connection.send(visible === update ? message : updateMessage(visible));
      }
    });
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      const holder = this.connectionOf(origin);
      for (const id of [...added!, ...updated!]) {
        if (holder) {
          holder.presenceClients.add(id);
          this.presenceHolders.set(id, holder);
        }
        this.presenceChanged.add(id);
      }
      for (const id of removed!) {
        this.presenceHolders.get(id)?.presenceClients.delete(id);
        this.presenceHolders.delete(id);
        this.presenceChanged.add(id);
      }
      this.presenceTimer ??= setTimeout(() => this.sendPresence(), this.options.awarenessTickMs);
    });
  }

  /** Loads a room from storage: snapshot plus log. */
  static async load(name: string, rule: RoomRule, options: RoomOptions): Promise<Room> {
    const room = new Room(name, rule, options);
    await room.catchUp();
    return room;
  }

  /**
   * The answer to a client's sync step 1: what it lacks. A client with nothing yet (a new browser, a
   * cleared copy) gets the whole room, encoded once per change of the room rather than once per
   * client: when a class opens a source together, the server encodes it once.
   */
  syncAnswer(stateVector: Uint8Array, connection?: Connection): Uint8Array {
    if (connection?.peers) return syncMessage(syncProtocol.messageYjsSyncStep2, filteredDiff(this.doc, stateVector, this.owners, connection.peers));
    const empty = stateVector.byteLength === 1 && stateVector[0] === 0;
    if (!empty) return syncStep2Message(this.doc, stateVector);
    this.fullState ??= syncStep2Message(this.doc, stateVector);
    return this.fullState;
  }

  /** The server's sync step 1: its state vector (without classmates' clients, behind a peer gate). */
  greeting(connection: Connection): Uint8Array {
    return connection.peers ? syncMessage(syncProtocol.messageYjsSyncStep1, filteredStateVector(this.doc, this.owners, connection.peers)) : syncStep1Message(this.doc);
  }

  private connectionOf(origin: unknown): Connection | null {
    return this.connections.has(origin as Connection) ? (origin as Connection) : null;
  }

  /**
   * Checks, stores, applies and broadcasts one update from `connection`. A refused update closes the
   * connection with writeRefused; a storage failure closes it with tryAgainLater (the client keeps the
   * edit and resends it). Returns false when the connection was closed.
   */
  async receiveUpdate(connection: Connection, incoming: Uint8Array): Promise<boolean> {
    const userId = connection.user.id;
    // An update held back for missing dependencies travels with the next one, which may bring them.
    const held = this.held.get(connection)?.update;
    const update = held ? Y.mergeUpdates([held, incoming]) : incoming;
    const decoded = decodeForCheck(update, this.options.checkLimits); // throws on a malformed update
    if ('refused' in decoded) return this.refuse(connection, decoded.refused);
    if (!connection.takeChanges(decoded.changes)) return false;
    let newItems: NewItem[] = [];
    const runCheck = () => checkUpdate(this.doc, decoded, connection.allowedRoots, this.owners, userId, { limits: this.options.checkLimits, newItems: (newItems = []) });
    let check = runCheck();
    if (!check.ok && check.missing) {
      // Perhaps it builds on something another instance stored that we have not read yet.
      await this.catchUp();
      check = runCheck();
    }
    if (!check.ok && check.missing) {
      if (update.byteLength > this.options.maxHeldBytes) {
        connection.close(CLOSE.missingDependencies, 'updates with missing dependencies: reconnect to resynchronise');
        return false;
      }
      this.hold(connection, update);
      return true;
    }
    this.release(connection);
    // The structural rule first; then, for an update that adds something, this kind of room's own rule.
    const refusal = !check.ok ? check.reason : check.changes ? this.roomRule(this.doc, newItems, userId) : null;
    if (refusal) return this.refuse(connection, refusal);
    if (!check.ok || !check.changes) return true; // the room has all of it already
    const overQuota = this.overQuota(newItems);
    if (overQuota) return this.refuse(connection, overQuota, CLOSE.tooLarge);
    for (const client of check.newClients) this.owners.set(client, userId);
    let seq: number;
    try {
      seq = await this.options.groupCommit.append({ room: this.name, update, userId });
    } catch (error) {
      this.options.log.error({ room: this.name, user: userId, err: error }, 'sync: storing an update failed');
      connection.close(CLOSE.tryAgainLater, 'storage unavailable: your changes are kept, try again later');
      return false;
    }
    Y.applyUpdate(this.doc, update, connection);
    this.markApplied(seq);
    if (++this.storedSinceCompaction >= this.options.compactEvery) void this.compact();
    return true;
  }

  /** Holds `connection`'s update until its dependencies arrive, at most `maxHeldMs`. */
  private hold(connection: Connection, update: Uint8Array) {
    const timer =
      this.held.get(connection)?.timer ??
      setTimeout(() => {
        this.options.log.warn({ room: this.name, user: connection.user.id }, 'sync: dependencies never arrived');
        connection.close(CLOSE.missingDependencies, 'updates with missing dependencies: reconnect to resynchronise');
      }, this.options.maxHeldMs);
    this.held.set(connection, { update, timer });
  }

  private release(connection: Connection) {
    const held = this.held.get(connection);
    if (held) clearTimeout(held.timer);
    this.held.delete(connection);
  }

  /**
   * Why the entries of `items` would take their member (or the room) past its quota, or null. An update
   * that leaves a root smaller than it was always passes, so a member over the limit can still delete.
   */
  private overQuota(items: readonly NewItem[]): string | null {
    const { memberBytes, roomBytes } = this.options.quota;
    const after = this.size.after(items);
    for (const [root, bytes] of after.roots) {
      if (bytes > memberBytes && bytes > this.size.of(root)) {
        return `${root === MOD_BRANCH ? 'moderation flags' : 'your entries'} in this room would take ${formatBytes(bytes)}, over the ${formatBytes(memberBytes)} each member may keep`;
      }
    }
    if (after.total > roomBytes && after.total > this.size.total) return `this room would hold ${formatBytes(after.total)}, over its ${formatBytes(roomBytes)} limit`;
    return null;
  }

  /**
   * Nothing of a refused update is kept; its sender starts the room afresh and is told why (docs/sync.md):
   * a write the rules refuse (4409), or one over a size limit (4413).
   */
  private refuse(connection: Connection, reason: string, code: typeof CLOSE.writeRefused | typeof CLOSE.tooLarge = CLOSE.writeRefused): false {
    this.options.log.warn({ room: this.name, user: connection.user.id, reason, code }, 'sync: update refused');
    connection.close(code, `${code === CLOSE.tooLarge ? 'not saved' : 'write refused'}: ${reason}`);
    return false;
  }

  private markApplied(seq: number) {
    if (seq <= this.appliedThrough) return;
    this.appliedAbove.add(seq);
    while (this.appliedAbove.delete(this.appliedThrough + 1)) this.appliedThrough += 1;
    // A gap: another instance stored something in between; its notification is on its way, but read now.
    if (this.appliedAbove.size > 0) void this.catchUp();
  }

  /** Reads and applies whatever was stored after `appliedThrough`, by this or another instance. */
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    this.catchingUp = (async () => {
      do {
        this.catchUpAgain = false;
        const stored = await readRoom(this.name, this.appliedThrough);
        for (const [client, user] of stored.owners) if (!this.owners.has(client)) this.owners.set(client, user);
        if (stored.chunks.length === 0) continue;
        Y.transact(
          this.doc,
          () => {
            for (const chunk of stored.chunks) {
              if (chunk.userId) {
                for (const client of writingClients(chunk.data)) if (!this.owners.has(client)) this.owners.set(client, chunk.userId);
              }
              Y.applyUpdate(this.doc, chunk.data, FROM_STORAGE);
            }
          },
          FROM_STORAGE,
        );
        const last = stored.chunks[stored.chunks.length - 1]!.seq;
        this.appliedThrough = Math.max(this.appliedThrough, last);
        for (const seq of this.appliedAbove) if (seq <= this.appliedThrough) this.appliedAbove.delete(seq);
        while (this.appliedAbove.delete(this.appliedThrough + 1)) this.appliedThrough += 1;
      } while (this.catchUpAgain);
    })().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  /**
   * Folds the stored log into a snapshot, one at a time. The snapshot is the live doc, which holds
   * every update up to `appliedThrough` (and perhaps a few later ones, which are harmless to apply
   * twice), so nothing is read back and appends to the room are never blocked for long.
   */
  compact(): Promise<void> {
    if (this.appliedThrough === 0) return Promise.resolve();
    this.compacting ??= writeSnapshot({
      room: this.name,
      snapshot: Y.encodeStateAsUpdate(this.doc),
      throughSeq: this.appliedThrough,
      owners: this.owners,
    })
      .then((written) => {
        this.storedSinceCompaction = 0;
        if (written) this.options.log.debug({ room: this.name, through: this.appliedThrough }, 'sync: room compacted');
      })
      .catch((error: unknown) => this.options.log.error({ room: this.name, err: error }, 'sync: compaction failed'))
      .finally(() => {
        this.compacting = null;
      });
    return this.compacting;
  }

  /** Applies a presence message from `connection`, re-stamped with who they are. */
  receivePresence(connection: Connection, update: Uint8Array) {
    const entries = decodeAwareness(update); // throws on a malformed message
    if (!connection.presenceBucket.take()) return; // over the rate: presence is ephemeral, drop it
    const accepted = [];
    for (const entry of entries) {
      const holder = this.presenceHolders.get(entry.clientId);
      if (holder && holder !== connection && holder.user.id !== connection.user.id) continue; // someone else's presence
      // The same member's new socket (a reconnect before the server saw the old one go): it takes over,
      // and the old socket's closing no longer removes it.
      if (holder && holder !== connection) holder.presenceClients.delete(entry.clientId);
      if (!holder && connection.presenceClients.size >= MAX_PRESENCE_CLIENTS) continue;
      const stamped = restamp(entry, connection.identity, this.options.awarenessMaxBytes);
      if (stamped) accepted.push(stamped);
    }
    if (accepted.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwareness(accepted), connection);
  }

  /** Every presence state, for a newcomer or a query-awareness message; null if there is none. */
  presenceSnapshot(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length > 0 ? awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)) : null;
  }

  private sendPresence() {
    this.presenceTimer = null;
    const ids = [...this.presenceChanged].filter((id) => this.awareness.meta.has(id));
    this.presenceChanged.clear();
    if (ids.length === 0) return;
    const message = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
    for (const connection of this.connections) connection.send(message);
  }

  join(connection: Connection) {
    this.connections.add(connection);
  }

  /** Removes a connection and, for everyone else, its presence. */
  leave(connection: Connection) {
    this.connections.delete(connection);
    this.release(connection);
    if (connection.presenceClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.presenceClients], null);
    }
  }

  destroy() {
    if (this.presenceTimer) clearTimeout(this.presenceTimer);
    for (const connection of [...this.held.keys()]) this.release(connection);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
