/** Presence: who else reads this document now (one entry per person), their selections, and ours sent to them. */
import { useEffect } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { PresenceMark } from './highlights';

export interface OtherReader {
  name: string;
  color: string;
  instructor: boolean;
  selection?: { start: number; end: number };
}

export function usePresence(awareness: Awareness | null, me: string, selection: { start: number; end: number } | null) {
  const others = new Map<string, OtherReader>();
  awareness?.getStates().forEach((state, clientId) => {
    // `user` is the server's stamp (server/sync/presence.ts): who they are, not who they say they are.
    const user = (state as { user?: { id: string; name: string; color: string; role?: string } }).user;
    if (!user || clientId === awareness.clientID || user.id === me) return;
    const selected = (state as { selection?: { start: number; end: number } }).selection;
    others.set(user.id, { name: user.name, color: user.color, instructor: user.role === 'instructor', selection: selected ?? others.get(user.id)?.selection });
  });
  const presence: PresenceMark[] = [...others.values()].flatMap((o) =>
    o.selection && Number.isInteger(o.selection.start) && Number.isInteger(o.selection.end) && o.selection.end > o.selection.start
      ? [{ start: o.selection.start, end: o.selection.end, color: o.color }]
      : [],
  );
  useEffect(() => {
    awareness?.setLocalStateField('selection', selection ? { start: selection.start, end: selection.end } : null);
    // (Only when the passage changes: the selection's on-screen position does not concern classmates.)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the passage's offsets, not the selection object
  }, [awareness, selection?.start, selection?.end]);
  return { others, presence };
}
