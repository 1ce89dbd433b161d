/**
 * Yjs updates (v1 encoding) written byte by byte, in shapes no real client sends but an attacker can:
 * long origin chains, wide fans onto one item, deep nesting, chains that zigzag between clients, cycles.
 * Client ids are small so that each struct takes few bytes and 1 MiB holds as many as it can.
 */
import * as encoding from 'lib0/encoding';

const CONTENT_ANY = 8;
const CONTENT_TYPE = 7;
const YMAP = 1;
const HAS_ORIGIN = 0x80;
const HAS_RIGHT_ORIGIN = 0x40;
const HAS_PARENT_SUB = 0x20;

type Id = { client: number; clock: number };

/** One struct: its parent is a root name, a type's id, or taken from its neighbours. */
export interface CraftedItem {
  origin?: Id;
  rightOrigin?: Id;
  parent?: string | Id;
  parentSub?: string;
  /** A nested Y.Map (a type other items can live in), or one JSON value. */
  content: 'map' | { any: unknown };
}

/** One client's structs, their clocks consecutive from `startClock`. */
export interface CraftedGroup {
  client: number;
  startClock?: number;
  items: CraftedItem[];
}

/** Encodes groups of structs (one per client), plus deletions. */
export function encodeUpdate(
  groups: CraftedGroup[],
  deletions: { client: number; clock: number; len: number }[] = [],
): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, groups.length);
  for (const group of groups) {
    encoding.writeVarUint(e, group.items.length);
    encoding.writeVarUint(e, group.client);
    encoding.writeVarUint(e, group.startClock ?? 0);
    for (const item of group.items) writeItem(e, item);
  }
  const byClient = new Map<number, { clock: number; len: number }[]>();
  for (const d of deletions) byClient.set(d.client, [...(byClient.get(d.client) ?? []), d]);
  encoding.writeVarUint(e, byClient.size);
  for (const [client, ranges] of byClient) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, ranges.length);
    for (const r of ranges) {
      encoding.writeVarUint(e, r.clock);
      encoding.writeVarUint(e, r.len);
    }
  }
  return encoding.toUint8Array(e);
}

function writeItem(e: encoding.Encoder, item: CraftedItem) {
  const ref = item.content === 'map' ? CONTENT_TYPE : CONTENT_ANY;
  const info = ref | (item.origin ? HAS_ORIGIN : 0) | (item.rightOrigin ? HAS_RIGHT_ORIGIN : 0) | (item.parentSub !== undefined ? HAS_PARENT_SUB : 0);
  encoding.writeUint8(e, info);
  if (item.origin) writeId(e, item.origin);
  if (item.rightOrigin) writeId(e, item.rightOrigin);
  if (!item.origin && !item.rightOrigin) {
    if (typeof item.parent === 'string') {
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, item.parent);
    } else {
      encoding.writeVarUint(e, 0);
      writeId(e, item.parent!);
    }
    if (item.parentSub !== undefined) encoding.writeVarString(e, item.parentSub);
  }
  if (item.content === 'map') encoding.writeVarUint(e, YMAP);
  else {
    encoding.writeVarUint(e, 1);
    encoding.writeAny(e, item.content.any as never);
  }
}

/** The y-websocket frame that carries `update` (sync message, update step). */
export function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // sync
  encoding.writeVarUint(e, 2); // update
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

function writeId(e: encoding.Encoder, id: Id) {
  encoding.writeVarUint(e, id.client);
  encoding.writeVarUint(e, id.clock);
}

/**
 * A list under `root` of `chain` items, each after the one before, then `fan` items all placed right
 * after the chain's last item: the shape that cost the old check chain × fan steps.
 */
export function chainAndFan(root: string, chain: number, fan: number, client = 1): CraftedGroup[] {
  const items: CraftedItem[] = [];
  for (let i = 0; i < chain; i++) items.push(i === 0 ? { parent: root, content: 'map' } : { origin: { client, clock: i - 1 }, content: 'map' });
  const end = { client, clock: chain - 1 };
  for (let i = 0; i < fan; i++) items.push({ origin: end, content: 'map' });
  return [{ client, items }];
}

/** Maps nested `depth` deep under `root`, then `leaves` values set in the deepest one. */
export function deepNesting(root: string, depth: number, leaves: number, client = 1): CraftedGroup[] {
  const items: CraftedItem[] = [];
  for (let i = 0; i < depth; i++) {
    items.push({ parent: i === 0 ? root : { client, clock: i - 1 }, parentSub: 'k', content: 'map' });
  }
  for (let i = 0; i < leaves; i++) items.push({ parent: { client, clock: depth - 1 }, parentSub: `v${i}`, content: { any: i } });
  return [{ client, items }];
}

/**
 * A chain whose links alternate between two clients (each item after the other client's previous
 * one), so resolving it in the order the structs are decoded always meets a link not yet resolved.
 */
export function zigzagChain(root: string, length: number, clients: [number, number] = [1, 2]): CraftedGroup[] {
  const groups = clients.map((client) => ({ client, items: [] as CraftedItem[] }));
  for (let i = 0; i < length; i++) {
    const item: CraftedItem = i === 0 ? { parent: root, content: 'map' } : { origin: { client: clients[(i - 1) % 2]!, clock: Math.floor((i - 1) / 2) }, content: 'map' };
    groups[i % 2]!.items.push(item);
  }
  return groups.filter((g) => g.items.length > 0);
}

/** Two items each placed after the other: no client can write it, and it must not hang the check. */
export function originCycle(clients: [number, number] = [1, 2]): CraftedGroup[] {
  return [
    { client: clients[0], items: [{ origin: { client: clients[1], clock: 0 }, content: 'map' }] },
    { client: clients[1], items: [{ origin: { client: clients[0], clock: 0 }, content: 'map' }] },
  ];
}
