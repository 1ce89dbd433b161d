/**
 * How much each member keeps in a room, and the room in all: the bytes of the current value of every
 * entry of each root map (UTF-8 of a JSON string, or of the JSON of any other value). Kept up to date
 * from the document's own transactions, whatever applied them (a member's update, a catch-up from
 * storage), so an update can be weighed before it is applied.
 */
import * as Y from 'yjs';
import type { Placement } from './write-rules';

export interface RoomQuota {
  /** Bytes one member's entries in one room may take. */
  memberBytes: number;
  /** Bytes all entries of one room may take. */
  roomBytes: number;
}

function valueBytes(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (value instanceof Y.AbstractType) return Buffer.byteLength(JSON.stringify(value.toJSON()));
  return Buffer.byteLength(JSON.stringify(value) ?? '');
}

function entryBytes(item: Y.Item | undefined): number {
  if (!item || item.deleted) return 0;
  const content = item.content.getContent();
  return valueBytes(content[content.length - 1]);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs's own way of saying "any shared type"
type SharedType = Y.AbstractType<Y.YEvent<any>>;

export class RoomSize {
  /** root name → key → bytes */
  private readonly entries = new Map<string, Map<string, number>>();
  private readonly roots = new Map<string, number>();
  private names = new WeakMap<SharedType, string>();
  total = 0;

  constructor(private readonly doc: Y.Doc) {
    for (const [name, type] of doc.share) {
      for (const key of type._map.keys()) this.set(name, key, entryBytes(type._map.get(key)));
    }
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const [type, keys] of transaction.changed) {
        if (type._item !== null) continue; // inside an entry: no room accepts those
        const name = this.nameOf(type);
        if (name === null) continue;
        for (const key of keys) if (key !== null) this.set(name, key, entryBytes(type._map.get(key)));
      }
    });
  }

  /** What a root's entries take now. */
  of(root: string): number {
    return this.roots.get(root) ?? 0;
  }

  /**
   * What the roots written by `items` and the room would take with them: per key the last value
   * written replaces the current one. Deletions are not subtracted (the answer is an upper bound).
   */
  after(items: readonly (Placement & { item: Y.Item })[]): { roots: Map<string, number>; total: number } {
    const written = new Map<string, Map<string, number>>();
    for (const { root, key, item } of items) {
      if (key === null) continue;
      let keys = written.get(root);
      if (!keys) written.set(root, (keys = new Map()));
      keys.set(key, entryBytes(item));
    }
    const roots = new Map<string, number>();
    let total = this.total;
    for (const [root, keys] of written) {
      let size = this.of(root);
      for (const [key, bytes] of keys) size += bytes - (this.entries.get(root)?.get(key) ?? 0);
      roots.set(root, size);
      total += size - this.of(root);
    }
    return { roots, total };
  }

  private set(root: string, key: string, bytes: number) {
    let keys = this.entries.get(root);
    if (!keys) this.entries.set(root, (keys = new Map()));
    const before = keys.get(key) ?? 0;
    if (bytes === 0) keys.delete(key);
    else keys.set(key, bytes);
    this.roots.set(root, this.of(root) + bytes - before);
    this.total += bytes - before;
  }

  private nameOf(type: SharedType): string | null {
    let name = this.names.get(type);
    if (name === undefined) {
      for (const [n, t] of this.doc.share) if (t === type) name = n;
      if (name === undefined) return null;
      this.names.set(type, name);
    }
    return name;
  }
}
