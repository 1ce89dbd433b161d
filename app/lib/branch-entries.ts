/**
 * Reading what members wrote in a room: every entry of every member's branch (`u:<userId>`), parsed
 * once per stored value. Yjs hands out the same value for an unchanged entry, so a room of thousands
 * of entries re-parses only what changed, and an unchanged entry stays the same object (views can
 * skip re-rendering it).
 */
import * as Y from 'yjs';

type Cache<T> = WeakMap<Y.Doc, Map<string, { raw: unknown; value: T | null }>>;

export function entryCache<T>(): Cache<T> {
  return new WeakMap();
}

export function readBranchEntries<T>(doc: Y.Doc, cache: Cache<T>, parse: (raw: unknown, id: string, authorId: string) => T | null): T[] {
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
      if (!hit || hit.raw !== raw || raw instanceof Y.Map) seen.set(key, (hit = { raw, value: parse(raw, id, authorId) }));
      if (hit.value) values.push(hit.value);
    });
  }
  return values;
}
