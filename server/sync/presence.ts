/**
 * Presence (Yjs awareness) as the server passes it on: every state is re-stamped with the
 * authenticated member, so nobody can pose as someone else, and oversized states are dropped.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { z } from 'zod';
import { leadSchema, SEMINAR_MODES } from '~/lib/seminar/model';

export interface Identity {
  id: string;
  name: string;
  role: 'instructor' | 'student';
  color: string;
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The JSON state, or the string "null" when the client left. */
  state: string;
}

// Distinct on paper and for colour-blind readers (Okabe–Ito, darkened for text contrast).
const COLORS = ['#b35900', '#2b7bb9', '#007a5e', '#a08a00', '#0b5394', '#b33c00', '#a3507e', '#555555'];

export function colorFor(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length]!;
}

export function decodeAwareness(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 1000) throw new Error('too many awareness states in one message');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push({ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), state: decoding.readVarString(decoder) });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the awareness states');
  return entries;
}

export function encodeAwareness(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, e.state);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * The fields of a presence state that readers use; anything else a client puts in its state is not
 * passed on. `user` is always the server's own stamp.
 */
const presenceFields = z.object({
  /** The passage the reader has selected, as text offsets. */
  selection: z.object({ start: z.number().int().min(0), end: z.number().int().min(0) }).nullable().optional(),
  /** The matrix cell the member is adding to (`<row>|<case>`, app/components/compare/use-matrix.ts). */
  matrixCell: z.string().max(140).nullable().optional(),
  /** Seminar mode: where the leader is (instructors only: see restamp). */
  lead: leadSchema.nullable().optional(),
  /** Seminar mode: whether this member follows the leader or reads on their own. */
  seminarMode: z.enum(SEMINAR_MODES).nullable().optional(),
});

/**
 * Returns the entry with only the known fields and `user` set to `identity`, or null when the entry
 * must be dropped: larger than `maxBytes` (UTF-8), not a JSON object (or null, which means "left"),
 * with a known field of the wrong shape, or a student's `lead` (only instructors lead a seminar: a
 * student's client may not move the class).
 */
export function restamp(entry: AwarenessEntry, identity: Identity, maxBytes: number): AwarenessEntry | null {
  if (entry.state.length > maxBytes || Buffer.byteLength(entry.state) > maxBytes) return null;
  let state: unknown;
  try {
    state = JSON.parse(entry.state);
  } catch {
    return null;
  }
  if (state === null) return entry;
  if (typeof state !== 'object' || Array.isArray(state)) return null;
  const known = presenceFields.safeParse(state);
  if (!known.success) return null;
  if (known.data.lead && identity.role !== 'instructor') return null;
  return { ...entry, state: JSON.stringify({ ...known.data, user: identity }) };
}
