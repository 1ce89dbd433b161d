/**
 * Reading what members wrote in a room: every entry of every member's branch (`u:<userId>`), parsed
 * once per stored value. Yjs hands out the same value for an unchanged entry, so a room of thousands
 * of entries re-parses only what changed, and an unchanged entry stays the same object (views can
 * skip re-rendering it). A room holding several kinds of entry (the compare room: links, replies,
 * matrix entries) is read by one reader per kind: the JSON of each stored value is parsed once for
 * all of them, and each reader looks at its kind's discriminator before validating.
 */
import * as Y from 'yjs';

type Cache<T> = WeakMap<Y.Doc, Map<string, { raw: unknown; value: T | null }>>;

export function entryCache<T>(): Cache<T> {
  return new WeakMap();
}

// The JSON of each stored string, shared by the readers of a room (undefined: not JSON).
const parsedJson = new WeakMap<Y.Doc, Map<string, { raw: string; json: unknown }>>();

/** A stored value as JSON: a string parsed once, whichever reader asks; a Y.Map (rooms from before JSON entries) as its JSON. */
function jsonOf(doc: Y.Doc, key: string, raw: unknown): unknown {
  if (typeof raw !== 'string') return parseStored(raw);
  let seen = parsedJson.get(doc);
  if (!seen) parsedJson.set(doc, (seen = new Map()));
  const hit = seen.get(key);
  if (hit && hit.raw === raw) return hit.json;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  seen.set(key, { raw, json });
  return json;
}

/** A stored value's JSON, for reading one entry outside a pass over the room (undefined: not JSON). */
export function parseStored(raw: unknown): unknown {
  if (raw instanceof Y.Map) return raw.toJSON();
  if (typeof raw !== 'string') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** Every entry `parse` accepts, given each stored value's JSON. */
export function readBranchEntries<T>(doc: Y.Doc, cache: Cache<T>, parse: (json: unknown, id: string, authorId: string) => T | null): T[] {
  let seen = cache.get(doc);
  if (!seen) cache.set(doc, (seen = new Map()));
  const values: T[] = [];
  for (const name of [...doc.share.keys()]) {
    if (!name.startsWith('u:')) continue;
    const authorId = name.slice(2);
    doc.getMap(name).forEach((raw, id) => {
      const key = `${authorId}/${id}`;
      let hit = seen.get(key);
      // A Y.Map changes in place, so it is parsed every time (only rooms from before JSON entries).
      if (!hit || hit.raw !== raw || raw instanceof Y.Map) seen.set(key, (hit = { raw, value: parse(jsonOf(doc, key, raw), id, authorId) }));
      if (hit.value) values.push(hit.value);
    });
  }
  return values;
}

/** Whether `json` is an object whose `field` is `value` (a kind's discriminator, checked before validating). */
export const isKind = (json: unknown, field: string, value: string) => typeof json === 'object' && json !== null && (json as Record<string, unknown>)[field] === value;
