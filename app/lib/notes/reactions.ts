/**
 * Reactions: a member marks a class note, or a paragraph of a source, with *question*, *agree* or
 * *disagree* — the "I have this question too" and upvote of Perusall and NB. They live in the document's
 * class room beside the notes, one entry of the member's own branch per target and kind, keyed by both:
 *
 *   doc:<course>:<document>  u:<userId>  "react:<target>:<kind>" → JSON { type: "Reaction", id, kind, target, at }
 *
 * so one member has at most one of each kind on a thing by construction (a second is the same key), and
 * taking it back deletes the entry. Targets: a note by its key (`n:<author>:<id>`), a paragraph by the
 * source version and ¶ number (`p:<version>.<number>`). docs/seminar-mode.md.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { entryCache, isKind, readBranchEntries } from '~/lib/branch-entries';
import { userBranch } from '~/lib/rooms/kinds';

export const REACTIONS = ['question', 'agree', 'disagree'] as const;
export type ReactionKind = (typeof REACTIONS)[number];
export const REACTION_LABEL: Record<ReactionKind, string> = { question: 'Question', agree: 'Agree', disagree: 'Disagree' };

export const REACTION_PREFIX = 'react:';

export type ReactionTarget = { type: 'note'; key: string } | { type: 'paragraph'; version: number; number: number };

const targetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('note'), key: z.string().regex(/^[0-9a-f-]{36}:[\w-]{1,64}$/) }),
  z.object({ type: z.literal('paragraph'), version: z.number().int().min(1).max(100_000), number: z.number().int().min(1).max(1_000_000) }),
]);

/** The target's part of a reaction's key. */
export const targetKey = (target: ReactionTarget) => (target.type === 'note' ? `n:${target.key}` : `p:${target.version}.${target.number}`);
export const reactionKey = (target: ReactionTarget, kind: ReactionKind) => `${REACTION_PREFIX}${targetKey(target)}:${kind}`;

export const reactionEntrySchema = z
  .object({ type: z.literal('Reaction'), id: z.string().max(140), kind: z.enum(REACTIONS), target: targetSchema, at: z.number() })
  // The key says what it is on and which kind: one per member per target and kind.
  .refine((r) => r.id === reactionKey(r.target, r.kind), { message: 'a reaction’s key must name its target and kind' });
export type ReactionEntry = z.infer<typeof reactionEntrySchema>;
export type Reaction = ReactionEntry & { authorId: string };

const parsed = entryCache<Reaction>();

/** Every well-formed reaction in the room. */
export function readReactions(doc: Y.Doc): Reaction[] {
  return readBranchEntries(doc, parsed, (json, id, authorId) => {
    if (!id.startsWith(REACTION_PREFIX) || !isKind(json, 'type', 'Reaction')) return null;
    const reaction = reactionEntrySchema.safeParse(json).data;
    return reaction && reaction.id === id ? { ...reaction, authorId } : null;
  });
}

export interface ReactionCounts {
  target: ReactionTarget;
  counts: Record<ReactionKind, number>;
  /** The kinds the reader gave. */
  mine: ReactionKind[];
}

/** The counts on each target (by targetKey), and which were `me`'s. */
export function countReactions(reactions: readonly Reaction[], me: string): Map<string, ReactionCounts> {
  const byTarget = new Map<string, ReactionCounts>();
  for (const r of reactions) {
    const key = targetKey(r.target);
    let entry = byTarget.get(key);
    if (!entry) byTarget.set(key, (entry = { target: r.target, counts: { question: 0, agree: 0, disagree: 0 }, mine: [] }));
    entry.counts[r.kind] += 1;
    if (r.authorId === me) entry.mine.push(r.kind);
  }
  return byTarget;
}

/** Gives `kind` on `target` as `userId`, or takes it back if they had given it. */
export function toggleReaction(doc: Y.Doc, userId: string, target: ReactionTarget, kind: ReactionKind, now = Date.now()) {
  const branch = doc.getMap(userBranch(userId));
  const id = reactionKey(target, kind);
  if (branch.has(id)) branch.delete(id);
  else branch.set(id, JSON.stringify({ type: 'Reaction', id, kind, target, at: now } satisfies ReactionEntry));
}
