/**
 * The structural write rule (docs/sync.md): a member writes only under their own root map
 * `u:<userId>`, instructors also under `mod`. An update is checked before it touches the room:
 * every item it adds and every item it deletes must resolve to an allowed root.
 *
 * The check runs on the event loop every member shares, so its cost is linear in the update: each
 * struct of the update is resolved once (its root remembered), each type of the room once (ever),
 * and the whole check stops, refusing the update, past a fixed number of steps.
 *
 * Longer than most modules on purpose: the struct walk, its memo and its step budget are one algorithm,
 * and splitting them would spread the proof that the check is linear over several files.
 */
import * as Y from 'yjs';
import { countChanges } from './update-size';

/**
 * `changes` is false when the room already has everything the update holds (nothing to store).
 * `missing` marks an update that builds on items the room does not have yet: not a violation by
 * itself (a reconnecting client's live edits can overtake its catch-up), but unusable until they come.
 */
export type WriteCheck =
  | { ok: true; changes: boolean; newClients: number[] }
  | { ok: false; reason: string; missing?: true };

export interface CheckLimits {
  /** Structs plus deleted ranges one update may hold; counted before the update is decoded. */
  maxChanges: number;
  /** Steps checking one update may take (a step: a struct resolved, a type climbed, a deleted struct visited). */
  maxSteps: number;
}

/**
 * Far above what a person's edits produce (each note, reply or post written is one struct), and low
 * enough that decoding, checking and applying the worst update of that size takes milliseconds, not
 * seconds (docs/sync.md; measured by tests/bench/write-check.ts).
 */
export const DEFAULT_CHECK_LIMITS: CheckLimits = { maxChanges: 5_000, maxSteps: 100_000 };

type Struct = Y.Item | Y.GC | Y.Skip;
export interface DecodedUpdate {
  structs: Struct[];
  ds: { clients: Map<number, { clock: number; len: number }[]> };
  /** Structs plus deleted ranges. */
  changes: number;
}

function isId(value: unknown): value is Y.ID {
  return typeof value === 'object' && value !== null && 'client' in value && 'clock' in value && !(value instanceof Y.AbstractType);
}

/** The index of the struct of `list` (sorted by clock) that contains `clock`, or -1. */
function indexIn(list: readonly Struct[] | undefined, clock: number): number {
  if (!list) return -1;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const s = list[mid]!;
    if (clock < s.id.clock) high = mid - 1;
    else if (clock >= s.id.clock + s.length) low = mid + 1;
    else return mid;
  }
  return -1;
}

function findIn(list: readonly Struct[] | undefined, clock: number): Struct | undefined {
  const at = indexIn(list, clock);
  return at < 0 ? undefined : list![at];
}

/**
 * A type's root never changes (Yjs types do not move), so it is remembered for as long as the type
 * lives: an update under a deeply nested type climbs the nesting once, not once per item.
 */
const rootOfRoomType = new WeakMap<Y.AbstractType<unknown>, string | null>();

class TooCostly extends Error {}

/** Counts the check's steps and stops it past `maxSteps`; `steps` is read by tests and benchmarks. */
export class CheckMeter {
  steps = 0;
  constructor(readonly maxSteps: number) {}
  step(count = 1) {
    this.steps += count;
    if (this.steps > this.maxSteps) throw new TooCostly();
  }
}

/**
 * Where a new item lands: under which root, and as which entry of the root map (`key`), or null
 * when it lands deeper (inside a nested type) or in a list.
 */
export interface Placement {
  root: string;
  key: string | null;
}

/** A new item of an accepted update and where it lands: what room kinds' own rules look at. */
export interface NewItem extends Placement {
  item: Y.Item;
}

/** Marks a struct of the update whose placement is being resolved (seeing it again means a cycle). */
const PENDING = Symbol('pending');
type Resolution = Placement | null | typeof PENDING;

/**
 * Decodes an update for checking, unless it holds more than `maxChanges` structs and deleted ranges
 * (then a refusal, found without decoding). Throws on bytes that are not an update.
 */
export function decodeForCheck(update: Uint8Array, limits: CheckLimits = DEFAULT_CHECK_LIMITS): DecodedUpdate | { refused: string } {
  const changes = countChanges(update, limits.maxChanges);
  if (changes > limits.maxChanges) return { refused: `too many changes in one update (more than ${limits.maxChanges})` };
  return { ...(Y.decodeUpdate(update) as unknown as Omit<DecodedUpdate, 'changes'>), changes };
}

/**
 * Checks one update against the room as it is before it.
 * @param doc the room's document
 * @param update a y-protocols update (v1 encoding), or what decodeForCheck made of it
 * @param allowedRoots the root names the sender may write under
 * @param clientOwners which member first wrote with each Yjs client id in this room
 * @param userId the sender
 */
export function checkUpdate(
  doc: Y.Doc,
  update: Uint8Array | DecodedUpdate,
  allowedRoots: ReadonlySet<string>,
  clientOwners: ReadonlyMap<number, string>,
  userId: string,
  {
    limits = DEFAULT_CHECK_LIMITS,
    meter = new CheckMeter(limits.maxSteps),
    newItems,
  }: {
    limits?: CheckLimits;
    meter?: CheckMeter;
    /** If given, receives every new item and where it lands. */
    newItems?: NewItem[];
  } = {},
): WriteCheck {
  const decoded = update instanceof Uint8Array ? decodeForCheck(update, limits) : update;
  if ('refused' in decoded) return { ok: false, reason: decoded.refused };
  try {
    return check(doc, decoded, allowedRoots, clientOwners, userId, meter, newItems);
  } catch (error) {
    if (error instanceof TooCostly) return { ok: false, reason: `the update is too costly to check (over ${meter.maxSteps} steps)` };
    throw error;
  }
}

function check(
  doc: Y.Doc,
  { structs, ds }: DecodedUpdate,
  allowedRoots: ReadonlySet<string>,
  clientOwners: ReadonlyMap<number, string>,
  userId: string,
  meter: CheckMeter,
  newItems: NewItem[] | undefined,
): WriteCheck {
  meter.step(structs.length);
  const store = doc.store;
  const known = (client: number) => Y.getState(store, client);
  const roomStructs = (client: number) => store.clients.get(client) as Struct[] | undefined;

  const byClient = new Map<number, Struct[]>();
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    let list = byClient.get(s.id.client);
    if (!list) byClient.set(s.id.client, (list = []));
    list.push(s);
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);

  /** The root of a type of the room: climbs until a type whose root is known, then remembers the path. */
  const rootOfType = (start: Y.AbstractType<unknown>): string | null => {
    const path: Y.AbstractType<unknown>[] = [];
    let type: Y.AbstractType<unknown> | null = start;
    let root: string | null | undefined;
    while (type) {
      root = rootOfRoomType.get(type);
      if (root !== undefined) break;
      meter.step();
      path.push(type);
      if (!type._item) {
        root = Y.findRootTypeKey(type);
        break;
      }
      type = type._item.parent as Y.AbstractType<unknown> | null;
    }
    for (const t of path) rootOfRoomType.set(t, root ?? null);
    return root ?? null;
  };
  const rootOfRoomItem = (item: Y.Item) => rootOfType(item.parent as Y.AbstractType<unknown>);

  /** What an id points at: a struct of this update, an item of the room, or nothing either has. */
  const lookUp = (id: Y.ID): { inUpdate: Struct } | { inRoom: Struct } | null => {
    const inUpdate = findIn(byClient.get(id.client), id.clock);
    if (inUpdate) return { inUpdate };
    if (id.clock >= known(id.client)) return null;
    const inRoom = findIn(roomStructs(id.client), id.clock);
    return inRoom ? { inRoom } : null;
  };

  const resolved = new Map<Y.Item, Resolution>();

  /** Where an item of the room sits. */
  const placementInRoom = (item: Y.Item): Placement | null => {
    const root = rootOfRoomItem(item);
    return root === null ? null : { root, key: (item.parent as Y.AbstractType<unknown>)._item === null ? item.parentSub : null };
  };

  /**
   * Where a new item lands, or the structs of this update that decides it (resolved first), or null
   * when it cannot land anywhere (its parent or neighbours are unknown, not types, or disagree).
   */
  const placementOrDependencies = (item: Y.Item): Placement | null | Y.Item[] => {
    if (typeof item.parent === 'string') return { root: item.parent, key: item.parentSub };
    if (isId(item.parent)) {
      // Inside a type: the type's root; never a root map's own entry.
      const found = lookUp(item.parent);
      const parent = found && ('inUpdate' in found ? found.inUpdate : found.inRoom);
      if (!(parent instanceof Y.Item) || !(parent.content instanceof Y.ContentType)) return null;
      if (found && 'inRoom' in found) {
        const root = rootOfType(parent.content.type as Y.AbstractType<unknown>);
        return root === null ? null : { root, key: null };
      }
      const placed = resolved.get(parent);
      if (placed === PENDING) return null; // a cycle: no real client writes one
      if (placed === undefined) return [parent];
      return placed && { root: placed.root, key: null };
    }
    if (item.parent !== null) return null;
    // No parent written: it comes from the neighbours (the left one first, as Yjs takes it), which must agree.
    const neighbours = [item.origin, item.rightOrigin].filter((id): id is Y.ID => id !== null);
    if (neighbours.length === 0) return null;
    const waiting: Y.Item[] = [];
    const placements: Placement[] = [];
    for (const id of neighbours) {
      const found = lookUp(id);
      if (!found) return null;
      const neighbour = 'inUpdate' in found ? found.inUpdate : found.inRoom;
      if (!(neighbour instanceof Y.Item)) return null;
      const placed = 'inRoom' in found ? placementInRoom(neighbour) : resolved.get(neighbour);
      if (placed === PENDING) return null;
      if (placed === undefined) waiting.push(neighbour);
      else if (placed === null) return null;
      else placements.push(placed);
    }
    if (waiting.length > 0) return waiting;
    if (placements.some((p) => p.root !== placements[0]!.root)) return null;
    return placements[0]!;
  };

  /** Resolves where a new item lands without recursion, each struct of the update once. */
  const placementOf = (start: Y.Item): Placement | null => {
    const done = resolved.get(start);
    if (done !== undefined && done !== PENDING) return done;
    const stack: Y.Item[] = [start];
    while (stack.length > 0) {
      const item = stack[stack.length - 1]!;
      const state = resolved.get(item);
      if (state !== undefined && state !== PENDING) {
        stack.pop();
        continue;
      }
      meter.step();
      resolved.set(item, PENDING);
      const answer = placementOrDependencies(item);
      if (Array.isArray(answer)) {
        stack.push(...answer);
        continue;
      }
      resolved.set(item, answer);
      stack.pop();
    }
    return resolved.get(start) as Placement | null;
  };

  const newClients = new Set<number>();
  let changes = false;
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    if (s.id.clock + s.length <= known(s.id.client)) continue; // already in the room: a no-op
    changes = true;
    const owner = clientOwners.get(s.id.client);
    if (owner !== undefined && owner !== userId) {
      return { ok: false, reason: `writes as client ${s.id.client}, which belongs to another member` };
    }
    if (owner === undefined) newClients.add(s.id.client);
    if (s instanceof Y.GC) continue; // deleted content: inserts nothing anywhere
    const placement = placementOf(s);
    if (placement === null) return { ok: false, missing: true, reason: `item ${s.id.client}:${s.id.clock} does not resolve to a root` };
    if (!allowedRoots.has(placement.root)) return { ok: false, reason: `writes under "${placement.root}"` };
    newItems?.push({ ...placement, item: s });
  }

  for (const [client, ranges] of ds.clients) {
    const roomList = roomStructs(client);
    const updateList = byClient.get(client);
    for (const { clock, len } of ranges) {
      meter.step();
      const end = clock + len;
      // Walk the room's structs in the range one after another (not a search per struct).
      let index = clock < known(client) ? indexIn(roomList, clock) : -1;
      let at = clock;
      while (at < end) {
        meter.step();
        const inRoom = index >= 0 && index < roomList!.length ? roomList![index] : undefined;
        const s = inRoom ?? findIn(updateList, at);
        if (!s) return { ok: false, missing: true, reason: `deletes ${client}:${at}, which the room does not have` };
        if (!inRoom) changes = true;
        if (inRoom instanceof Y.Item && !inRoom.deleted) {
          changes = true;
          const root = rootOfRoomItem(inRoom);
          if (root === null || !allowedRoots.has(root)) return { ok: false, reason: `deletes an item under "${root ?? 'an unknown root'}"` };
        }
        // Items of this update were checked above; deleted ones and GC are no-ops.
        at = s.id.clock + s.length;
        if (inRoom) index = at < known(client) ? index + 1 : -1;
      }
    }
  }
  return { ok: true, changes, newClients: [...newClients] };
}
