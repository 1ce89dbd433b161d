/**
 * The browser's own copies of a member's rooms (IndexedDB, one database per room, named
 * "plenum:<user>:<room>"), and how many changes in them have not reached the server yet. Signing out
 * forgets them, so the next person at a shared computer finds nothing of the last one's.
 */
interface OpenCopy {
  pending(): number;
  clearData(): Promise<void>;
}

const open = new Set<OpenCopy>();

/** Registers a room copy opened by this page; returns the function that unregisters it. */
export function trackLocalCopy(copy: OpenCopy): () => void {
  open.add(copy);
  return () => open.delete(copy);
}

/** Changes made on this page that the server has not received. */
export function changesNotSent(): number {
  let n = 0;
  for (const copy of open) n += copy.pending();
  return n;
}

/** Deletes every local copy of `userId`'s rooms: those this page holds open, and the rest. */
export async function forgetLocalCopies(userId: string): Promise<void> {
  await Promise.all([...open].map((copy) => copy.clearData().catch(() => {})));
  open.clear();
  const all = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
  await Promise.all(
    all
      .filter((db) => db.name?.startsWith(`plenum:${userId}:`))
      .map((db) => new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase(db.name!);
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      })),
  );
}
