/**
 * The structural write rule (docs/sync.md): a member writes only under their own root map
 * `u:<userId>`, instructors also under `mod`. An update is checked before it touches the room:
 * every item it adds and every item it deletes must resolve to an allowed root.
 */
import * as Y from 'yjs';

/**
 * `changes` is false when the room already has everything the update holds (nothing to store).
 * `missing` marks an update that builds on items the room does not have yet: not a violation by
 * itself (a reconnecting client's live edits can overtake its catch-up), but unusable until they come.
 */
export type WriteCheck =
  | { ok: true; changes: boolean; newClients: number[] }
  | { ok: false; reason: string; missing?: true };

type Struct = Y.Item | Y.GC | Y.Skip;

const MAX_DEPTH = 10_000;

function isId(value: unknown): value is Y.ID {
  return typeof value === 'object' && value !== null && 'client' in value && 'clock' in value && !(value instanceof Y.AbstractType);
}

/** Finds the struct of `list` (sorted by clock) that contains `clock`. */
function findIn(list: Struct[] | undefined, clock: number): Struct | undefined {
  if (!list) return undefined;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const s = list[mid]!;
    if (clock < s.id.clock) high = mid - 1;
    else if (clock >= s.id.clock + s.length) low = mid + 1;
    else return s;
  }
  return undefined;
}

/**
 * @param doc the room's document, as it is before this update
 * @param update a y-protocols update (v1 encoding)
 * @param allowedRoots the root names the sender may write under
 * @param clientOwners which member first wrote with each Yjs client id in this room
 * @param userId the sender
 */
export function checkUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  allowedRoots: ReadonlySet<string>,
  clientOwners: ReadonlyMap<number, string>,
  userId: string,
): WriteCheck {
  const { structs, ds } = Y.decodeUpdate(update) as { structs: Struct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };
  const store = doc.store;
  const known = (client: number) => Y.getState(store, client);

  const byClient = new Map<number, Struct[]>();
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    let list = byClient.get(s.id.client);
    if (!list) byClient.set(s.id.client, (list = []));
    list.push(s);
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);

  let depth = 0;
  const rootOfDocItem = (item: Y.Item): string | null => {
    let type = item.parent as Y.AbstractType<unknown> | null;
    while (type && type._item) type = type._item.parent as Y.AbstractType<unknown> | null;
    return type ? Y.findRootTypeKey(type) : null;
  };
  const rootOfId = (id: Y.ID): string | null => {
    if (++depth > MAX_DEPTH) return null;
    const inUpdate = findIn(byClient.get(id.client), id.clock);
    if (inUpdate) return inUpdate instanceof Y.Item ? rootOfNewItem(inUpdate) : null;
    if (id.clock >= known(id.client)) return null; // neither in the room nor in this update
    const inDoc = findIn(store.clients.get(id.client) as Struct[] | undefined, id.clock);
    return inDoc instanceof Y.Item ? rootOfDocItem(inDoc) : null;
  };
  const rootOfNewItem = (item: Y.Item): string | null => {
    if (typeof item.parent === 'string') return item.parent;
    if (isId(item.parent)) {
      // The parent must be a type, in the room or in this update.
      const parent = findIn(byClient.get(item.parent.client), item.parent.clock) ??
        (item.parent.clock < known(item.parent.client) ? findIn(store.clients.get(item.parent.client) as Struct[], item.parent.clock) : undefined);
      if (!(parent instanceof Y.Item) || !(parent.content instanceof Y.ContentType)) return null;
      return rootOfId(item.parent);
    }
    // No parent written: it comes from the neighbours, which must agree.
    const left = item.origin ? rootOfId(item.origin) : undefined;
    const right = item.rightOrigin ? rootOfId(item.rightOrigin) : undefined;
    if (left === null || right === null) return null;
    if (left !== undefined && right !== undefined && left !== right) return null;
    return left ?? right ?? null;
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
    depth = 0;
    const root = rootOfNewItem(s);
    if (root === null) return { ok: false, missing: true, reason: `item ${s.id.client}:${s.id.clock} does not resolve to a root` };
    if (!allowedRoots.has(root)) return { ok: false, reason: `writes under "${root}"` };
  }

  for (const [client, ranges] of ds.clients) {
    const roomList = store.clients.get(client) as Struct[] | undefined;
    const updateList = byClient.get(client);
    for (const { clock, len } of ranges) {
      for (let at = clock; at < clock + len; ) {
        const inRoom = at < known(client) ? findIn(roomList, at) : undefined;
        const inUpdate = inRoom ? undefined : findIn(updateList, at);
        const s = inRoom ?? inUpdate;
        if (!s) return { ok: false, missing: true, reason: `deletes ${client}:${at}, which the room does not have` };
        if (inUpdate) changes = true;
        if (inRoom instanceof Y.Item && !inRoom.deleted) {
          changes = true;
          depth = 0;
          const root = rootOfDocItem(inRoom);
          if (root === null || !allowedRoots.has(root)) return { ok: false, reason: `deletes an item under "${root ?? 'an unknown root'}"` };
        }
        // Items of this update were checked above; deleted ones and GC are no-ops.
        at = s.id.clock + s.length;
      }
    }
  }
  return { ok: true, changes, newClients: [...newClients] };
}
