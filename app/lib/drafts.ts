/**
 * Unsent text kept in the browser (localStorage) under "plenum:<user>:draft:<what>", so a reload, a
 * crash or a closed tab does not lose what a member was writing. Signing out forgets a member's drafts
 * with the rest of their local copies (local-copies.ts).
 */
import { useCallback, useEffect, useState } from 'react';

export function draftKey(userId: string, what: string): string {
  return `plenum:${userId}:draft:${what}`;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled by the browser: drafts then live as long as the page
  }
}

export function readDraft(key: string): string | null {
  return storage()?.getItem(key) ?? null;
}

export function writeDraft(key: string, value: string): void {
  const store = storage();
  if (!store) return;
  try {
    if (value === '') store.removeItem(key);
    else store.setItem(key, value);
  } catch {
    // Full: the text stays on the page, it just will not survive a reload.
  }
}

/** Removes every draft and kept response of `userId` from this browser. */
export function forgetDrafts(userId: string): void {
  const store = storage();
  if (!store) return;
  const prefix = `plenum:${userId}:`;
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  for (const key of keys) store.removeItem(key);
}

/**
 * A text field's value that survives reloads: `[value, setValue, discard]`. The stored draft is read
 * after mounting (the server cannot see it), so server and browser render the same first.
 */
export function useDraft(key: string): [string, (value: string) => void, () => void] {
  const [value, setValue] = useState('');
  useEffect(() => {
    const kept = readDraft(key);
    if (kept !== null) setValue(kept);
  }, [key]);
  const update = useCallback(
    (next: string) => {
      setValue(next);
      writeDraft(key, next);
    },
    [key],
  );
  const discard = useCallback(() => {
    setValue('');
    writeDraft(key, '');
  }, [key]);
  return [value, update, discard];
}
