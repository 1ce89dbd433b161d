/**
 * The note a reader is writing, kept in the browser (drafts.ts) with its passage, so a reload or a
 * crash reopens the editor where it was. Kept per document version: offsets into another version's
 * text would point at the wrong words.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import type { NoteDraft } from './views';
import { VISIBILITIES } from './visibility';
import { readDraft, writeDraft } from '~/lib/drafts';

type Passage = { start: number; end: number };
type Editing = { passage: Passage | null } | null;

const keptSchema = z.object({
  version: z.number(),
  passage: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).nullable(),
  body: z.string(),
  tags: z.array(z.string()),
  visibility: z.enum(VISIBILITIES),
});

export function useKeptNote(key: string, version: number, editing: Editing, setEditing: (editing: Editing) => void) {
  const [initial, setInitial] = useState<NoteDraft | undefined>(undefined);
  // The text lives in refs: a keystroke must not re-render the reader around the editor.
  const text = useRef<NoteDraft | null>(null);
  const passage = useRef<Passage | null>(null);
  /** Reading the kept note, opening its editor, then keeping what is written. */
  const phase = useRef<'reading' | 'opening' | 'keeping'>('reading');

  const keep = useCallback(() => {
    const t = text.current;
    const writing = t && (t.body.trim() !== '' || t.tags.length > 0);
    writeDraft(key, writing ? JSON.stringify({ version, passage: passage.current, ...t }) : '');
  }, [key, version]);

  // After mounting (the server cannot see the browser's storage): reopen a kept note.
  useEffect(() => {
    // (Most visits have no draft: zod's first parse on a page costs milliseconds the first paint waits for.)
    const stored = readDraft(key);
    const parsed = stored ? keptSchema.safeParse(safeJson(stored)) : null;
    if (parsed?.success && parsed.data.version === version) {
      const { passage: kept, ...rest } = parsed.data;
      phase.current = 'opening';
      setInitial(rest);
      setEditing({ passage: kept });
    } else {
      phase.current = 'keeping';
    }
  }, [key, version, setEditing]);

  // An editor opened on another passage keeps its text there; a closed one (saved or cancelled) keeps nothing.
  useEffect(() => {
    if (phase.current === 'reading' || (phase.current === 'opening' && !editing)) return;
    phase.current = 'keeping';
    passage.current = editing?.passage ?? null;
    if (!editing) {
      text.current = null;
      setInitial(undefined);
    }
    keep();
  }, [editing, keep]);

  const onChange = useCallback(
    (next: NoteDraft) => {
      text.current = next;
      if (phase.current === 'keeping') keep();
    },
    [keep],
  );
  return { initial, onChange };
}

function safeJson(raw: string | null): unknown {
  try {
    return raw === null ? null : JSON.parse(raw);
  } catch {
    return null;
  }
}
