/**
 * React hook: one live room in the browser, synced with the server by RoomSync, and kept in
 * IndexedDB (y-indexeddb), so what is written offline survives a reload. Of a document's rooms only
 * this browser's own changes are kept: the reader's page brings the notes with it (its first paint)
 * and the WebSocket the rest, and keeping the server's copy too cost every visit megabytes of
 * IndexedDB traffic. Runs only in effects, so the server render never touches browser APIs.
 */
import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { trackLocalCopy } from '~/lib/local-copies';
import { RoomSync, type SyncStatus } from '~/lib/sync-client';
import { visibilityOfKind } from './rooms';

/** Dispatched on `window` when the server says what the member may see changed (a peer gate): the page's data is stale. */
export const VIEW_CHANGED = 'plenum:view-changed';

export interface LiveRoom {
  name: string;
  doc: Y.Doc;
  status: SyncStatus;
  /** Our changes the server has not yet confirmed storing, counted from the moment they are made. */
  pending: number;
  /** The server's copy has been received since the last (re)connect. */
  synced: boolean;
  /** The browser's own copy (IndexedDB) has been read: for a document's rooms, this browser's unsent changes. */
  localLoaded: boolean;
  /** Why the server last refused a change of ours (it was dropped), until dismissed. */
  notice: string | null;
  dismissNotice(): void;
  /** Presence: who else has this room open, and what they have selected. */
  awareness: Awareness | null;
  /** Bumps on every change, to re-render. */
  version: number;
}

/** Rooms whose notes the reader's page brings with it (app/lib/notes/first-paint.ts): a document's notes. */
const paintedFirstByTheServer = (room: string) => visibilityOfKind(room.slice(0, room.indexOf(':'))) !== null;

export function useRoom(room: string | null, userId: string): LiveRoom | null {
  const [state, setState] = useState<LiveRoom | null>(null);

  useEffect(() => {
    if (!room) return;
    let disposed = false;
    let sync: RoomSync | null = null;
    let persistence: { clearData(): Promise<void>; destroy(): Promise<void> } | null = null;
    let stopKeeping = () => {};
    let frame = 0;
    let pending = 0;
    let status: SyncStatus = 'connecting';
    let localLoaded = false;
    let notice: string | null = null;
    let untrack = () => {};
    const dismissNotice = () => {
      notice = null;
      publish(sync?.doc ?? null);
    };

    const publish = (doc: Y.Doc | null) => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (!disposed && doc) setState((s) => ({
            name: room,
            doc,
            status,
            pending,
            synced: sync?.provider.synced ?? false,
            localLoaded,
            notice,
            dismissNotice,
            awareness: sync?.provider.awareness ?? null,
            version: (s?.version ?? 0) + 1,
          }));
      });
    };

    // The local copy (IndexedDB) and the server are read at the same time; Yjs merges them.
    const watch = (doc: Y.Doc) => {
      const local = new IndexeddbPersistence(`plenum:${userId}:${room}`, doc);
      persistence = local;
      stopKeeping();
      if (paintedFirstByTheServer(room)) {
        // Keep this browser's own changes only, not the server's copy.
        const keepOwn = (update: Uint8Array, origin: unknown) => {
          if (origin !== sync?.provider) local._storeUpdate(update, origin);
        };
        doc.off('update', local._storeUpdate);
        doc.on('update', keepOwn);
        stopKeeping = () => doc.off('update', keepOwn);
      }
      untrack();
      untrack = trackLocalCopy({ pending: () => pending, clearData: () => local.clearData() });
      void local.whenSynced.then(() => {
        localLoaded = true;
        performance.mark(`plenum:local-loaded:${room.split(':')[0]}`);
        publish(doc);
      });
      doc.on('update', () => publish(doc));
      publish(doc);
    };

    void (async () => {
      // Connected once the page's first frame is out: opening IndexedDB and the WebSocket for each room
      // would otherwise delay the notes the page brought with it from being painted.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
      const { Doc } = await import('yjs');
      if (disposed) return;
      const doc = new Doc();
      watch(doc);
      sync = new RoomSync({
        origin: window.location.origin,
        room,
        doc,
        onStatus(next) {
          status = next;
          publish(sync?.doc ?? doc);
        },
        onPending(count) {
          pending = count;
          publish(sync?.doc ?? doc);
        },
        onViewChanged() {
          window.dispatchEvent(new Event(VIEW_CHANGED));
        },
        async onReset(fresh, reason) {
          // The server refused a change in our copy: forget it, here and in IndexedDB, and start afresh.
          await persistence?.clearData();
          pending = 0;
          notice = reason;
          watch(fresh);
        },
      });
      sync.provider.on('sync', (synced: boolean) => {
        if (synced) performance.mark(`plenum:synced:${room.split(':')[0]}`);
        publish(sync!.doc);
      });
      sync.provider.awareness.on('change', () => publish(sync!.doc));
    })();

    return () => {
      disposed = true;
      untrack();
      cancelAnimationFrame(frame);
      sync?.destroy();
      stopKeeping();
      void persistence?.destroy();
    };
  }, [room, userId]);

  return state;
}
