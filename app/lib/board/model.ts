/**
 * The course board as it lives in the `board:<course>` room (docs/board.md): threads and replies are
 * JSON strings under their author's root map `u:<userId>`, like margin notes; a reply names the post
 * it answers and its thread. Instructors write under `mod`: hide flags keyed "<author>:<id>" (as for
 * notes) and thread settings keyed "thread:<author>:<id>" (pinned, locked).
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { entryCache, readBranchEntries } from '~/lib/branch-entries';
import { entryKey, MOD_BRANCH, userBranch } from '~/lib/rooms/kinds';

export { entryKey };

export const POST_LIMITS = { title: 200, body: 20_000 } as const;

export const postEntrySchema = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(['thread', 'reply']),
  /** Threads only. */
  title: z.string().max(POST_LIMITS.title),
  body: z.string().max(POST_LIMITS.body),
  /** Replies: the thread, and the post answered (the thread itself, or another reply). */
  threadId: z.string().max(64).nullable(),
  threadAuthorId: z.string().max(64).nullable(),
  parentId: z.string().max(64).nullable(),
  parentAuthorId: z.string().max(64).nullable(),
  /** Threads: what they are about, a path inside the course (a source, passage, note or assignment). */
  link: z.object({ href: z.string().max(500).regex(/^\/c\//), label: z.string().max(200) }).nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  deleted: z.boolean(),
});
export type PostEntry = z.infer<typeof postEntrySchema>;
export type Post = PostEntry & { authorId: string; key: string };

export const threadSettingsSchema = z.object({ pinned: z.boolean(), locked: z.boolean(), by: z.string(), at: z.number() });
export type ThreadSettings = z.infer<typeof threadSettingsSchema>;

const settingsKey = (threadKey: string) => `thread:${threadKey}`;

const parsedPosts = entryCache<Post>();

function parse(json: unknown, id: string, authorId: string): Post | null {
  const parsed = postEntrySchema.safeParse(json);
  return parsed.success && parsed.data.id === id ? { ...parsed.data, authorId, key: entryKey(authorId, id) } : null;
}

/** Every well-formed post; an unchanged post stays the same object between calls. */
function readPosts(doc: Y.Doc): Post[] {
  return readBranchEntries(doc, parsedPosts, parse);
}

export function readThreadSettings(doc: Y.Doc, threadKey: string): ThreadSettings | null {
  const parsed = threadSettingsSchema.safeParse(doc.getMap(MOD_BRANCH).get(settingsKey(threadKey)));
  return parsed.success ? parsed.data : null;
}

export function writePost(doc: Y.Doc, authorId: string, entry: PostEntry) {
  doc.getMap(userBranch(authorId)).set(entry.id, JSON.stringify(entry));
}

export function editPost(doc: Y.Doc, authorId: string, post: PostEntry, change: Partial<Pick<PostEntry, 'title' | 'body'>>) {
  writePost(doc, authorId, { ...post, ...change, updatedAt: Date.now() });
}

/** Deleting keeps a placeholder, so replies under the post keep their place. */
export function deletePost(doc: Y.Doc, authorId: string, post: PostEntry) {
  writePost(doc, authorId, { ...post, title: post.kind === 'thread' ? post.title : '', body: '', deleted: true, updatedAt: Date.now() });
}

export function setThreadSettings(doc: Y.Doc, threadKey: string, settings: Omit<ThreadSettings, 'at'>) {
  doc.getMap(MOD_BRANCH).set(settingsKey(threadKey), { ...settings, at: Date.now() });
}

export interface ThreadView {
  thread: Post;
  replies: Post[];
  lastActivity: number;
  settings: ThreadSettings | null;
}

/**
 * Threads with their replies, pinned first, then by latest activity. Replies written after a thread
 * was locked are left out (a lock stops new replies; a client that ignores it is not shown).
 */
export function threadsOf(doc: Y.Doc): ThreadView[] {
  const posts = readPosts(doc);
  const threads = new Map<string, ThreadView>();
  for (const p of posts) {
    if (p.kind !== 'thread') continue;
    threads.set(p.key, { thread: p, replies: [], lastActivity: p.createdAt, settings: readThreadSettings(doc, p.key) });
  }
  for (const p of posts) {
    if (p.kind !== 'reply' || !p.threadId || !p.threadAuthorId) continue;
    const view = threads.get(entryKey(p.threadAuthorId, p.threadId));
    if (!view || (view.settings?.locked && p.createdAt > view.settings.at)) continue;
    view.replies.push(p);
    view.lastActivity = Math.max(view.lastActivity, p.createdAt);
  }
  for (const v of threads.values()) v.replies.sort((a, b) => a.createdAt - b.createdAt);
  return [...threads.values()].sort((a, b) => Number(b.settings?.pinned ?? false) - Number(a.settings?.pinned ?? false) || b.lastActivity - a.lastActivity);
}
