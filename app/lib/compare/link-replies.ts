/**
 * Replies to a class evidence link: its discussion, in the course's compare room beside the link.
 * Each a W3C Web Annotation with `motivation: "replying"` whose target is the link, stored as links
 * are (a JSON string under its author's `u:<userId>`, hide flags under `mod`). "Only me" links have no
 * replies: nobody else can see them (docs/compare.md).
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { entryCache, isKind, parseStored, readBranchEntries } from '~/lib/branch-entries';
import { NOTE_LIMITS } from '~/lib/notes/model';
import { UUID_PATTERN } from '~/lib/rooms/ids';
import { entryKey, userBranch } from '~/lib/rooms/kinds';

export const linkReplySchema = z.object({
  type: z.literal('Annotation'),
  id: z.string().min(1).max(64),
  motivation: z.literal('replying'),
  body: z.object({ type: z.literal('TextualBody'), format: z.literal('text/markdown'), value: z.string().max(NOTE_LIMITS.body) }),
  /** The link it answers: its author and id. */
  target: z.object({ author: z.string().regex(new RegExp(`^${UUID_PATTERN}$`)), id: z.string().min(1).max(64) }),
  created: z.number(),
  modified: z.number(),
  deleted: z.boolean(),
});
export type LinkReplyEntry = z.infer<typeof linkReplySchema>;
export type LinkReply = LinkReplyEntry & { authorId: string };

function parseReply(json: unknown, id: string): LinkReplyEntry | null {
  if (!isKind(json, 'motivation', 'replying')) return null;
  const parsed = linkReplySchema.safeParse(json);
  return parsed.success && parsed.data.id === id ? parsed.data : null;
}

const parsedReplies = entryCache<LinkReply>();

/** Every well-formed reply in the room, oldest first (an unchanged reply stays the same object). */
export function readLinkReplies(doc: Y.Doc): LinkReply[] {
  return readBranchEntries(doc, parsedReplies, (json, id, authorId) => {
    const reply = parseReply(json, id);
    return reply ? { ...reply, authorId } : null;
  }).sort((a, b) => a.created - b.created);
}

export function addLinkReply(doc: Y.Doc, authorId: string, input: { id: string; link: { authorId: string; id: string }; body: string }, now = Date.now()) {
  const reply: LinkReplyEntry = {
    type: 'Annotation',
    id: input.id,
    motivation: 'replying',
    body: { type: 'TextualBody', format: 'text/markdown', value: input.body },
    target: { author: input.link.authorId, id: input.link.id },
    created: now,
    modified: now,
    deleted: false,
  };
  doc.getMap(userBranch(authorId)).set(reply.id, JSON.stringify(reply));
}

/** Edits one's own reply, or deletes it (a tombstone without its text, as links are). */
export function updateLinkReply(doc: Y.Doc, authorId: string, id: string, change: { body: string } | { deleted: true }) {
  const reply = parseReply(parseStored(doc.getMap(userBranch(authorId)).get(id)), id);
  if (!reply) return;
  const next = 'deleted' in change ? { ...reply, deleted: true, body: { ...reply.body, value: '' } } : { ...reply, body: { ...reply.body, value: change.body } };
  doc.getMap(userBranch(authorId)).set(id, JSON.stringify({ ...next, modified: Date.now() }));
}

/** The replies of each link, keyed "<linkAuthor>:<linkId>". */
export function repliesByLink(replies: readonly LinkReply[]): Map<string, LinkReply[]> {
  const byLink = new Map<string, LinkReply[]>();
  for (const reply of replies) {
    const key = entryKey(reply.target.author, reply.target.id);
    const list = byLink.get(key) ?? [];
    list.push(reply);
    byLink.set(key, list);
  }
  return byLink;
}
