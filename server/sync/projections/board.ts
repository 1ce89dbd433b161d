/**
 * Projects the course board (`board:<course>` rooms) into `board_posts`, and tells members what
 * concerns them: a reply to their thread or post, a mention by @name. Each event is notified once
 * (notifications are keyed by event), however often the room is projected again.
 */
import type * as Y from 'yjs';
import { mentionedMembers } from '~/lib/board/mentions';
import { entryKey, threadsOf, type Post } from '~/lib/board/model';
import { readModFlags } from '~/lib/notes/model';
import { isUuid } from '~/lib/rooms/ids';
import type { ParsedRoom } from '~/lib/rooms/names';
import { notify, type NewNotification } from '../../../db/queries/notifications';
import type { Transaction } from '../../../db/sql';
import { rowKey, type Projection } from './projection';

export interface BoardRow {
  room: string;
  author_id: string;
  id: string;
  course_id: string;
  kind: 'thread' | 'reply';
  thread_id: string | null;
  thread_author_id: string | null;
  parent_id: string | null;
  parent_author_id: string | null;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  updated_at: Date;
  hidden: boolean;
  deleted: boolean;
}

export function boardRows(roomName: string, room: ParsedRoom, doc: Y.Doc): BoardRow[] {
  const flags = readModFlags(doc);
  const posts: Post[] = threadsOf(doc).flatMap((t) => [t.thread, ...t.replies]);
  return posts
    .filter((p) => isUuid(p.authorId) && [p.threadAuthorId, p.parentAuthorId].every((id) => id === null || isUuid(id)))
    .map((p) => ({
      room: roomName,
      author_id: p.authorId,
      id: p.id,
      course_id: room.courseId,
      kind: p.kind,
      thread_id: p.threadId,
      thread_author_id: p.threadAuthorId,
      parent_id: p.parentId,
      parent_author_id: p.parentAuthorId,
      title: p.title,
      body: p.body,
      link: p.link?.href ?? null,
      created_at: new Date(p.createdAt),
      updated_at: new Date(p.updatedAt),
      hidden: flags.get(entryKey(p.authorId, p.id))?.hidden ?? false,
      deleted: p.deleted,
    }));
}

/** Upserts changed posts and tells members of replies and mentions. */
async function upsertPosts(tx: Transaction, _roomName: string, changed: BoardRow[], all: BoardRow[]) {
  await tx`
    INSERT INTO board_posts ${tx(changed as never)}
    ON CONFLICT (room, author_id, id) DO UPDATE SET
      kind = EXCLUDED.kind, thread_id = EXCLUDED.thread_id, thread_author_id = EXCLUDED.thread_author_id,
      parent_id = EXCLUDED.parent_id, parent_author_id = EXCLUDED.parent_author_id,
      title = EXCLUDED.title, body = EXCLUDED.body, link = EXCLUDED.link, updated_at = EXCLUDED.updated_at,
      hidden = EXCLUDED.hidden, deleted = EXCLUDED.deleted`;
  await notifyBoard(tx, changed, all);
}

export const boardProjection: Projection<BoardRow> = { table: 'board_posts', rows: boardRows, upsert: upsertPosts };

async function notifyBoard(tx: Transaction, changed: BoardRow[], all: BoardRow[]) {
  const live = changed.filter((r) => !r.hidden && !r.deleted);
  if (live.length === 0) return;
  const courseId = live[0]!.course_id;
  const members = (await tx<{ id: string; name: string }[]>`
    SELECT u.id, u.display_name AS name FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.course_id = ${courseId}`);
  const memberIds = new Set(members.map((m) => m.id));
  const byKey = new Map(all.map((r) => [rowKey(r), r]));
  const list: NewNotification[] = [];
  for (const post of live) {
    const thread = post.kind === 'thread' ? post : byKey.get(`${post.thread_author_id}:${post.thread_id}`);
    if (!thread) continue;
    const link = `/c/${courseId}/board?thread=${encodeURIComponent(rowKey(thread))}#post-${encodeURIComponent(rowKey(post))}`;
    const tell = (userId: string, kind: 'reply' | 'mention', title: string) => {
      if (userId !== post.author_id && memberIds.has(userId)) {
        list.push({ userId, courseId, kind, actorId: post.author_id, title, excerpt: post.body, link, eventKey: `${kind}:${post.room}:${rowKey(post)}` });
      }
    };
    for (const m of mentionedMembers(`${post.title}\n${post.body}`, members)) tell(m.id, 'mention', `mentioned you in “${thread.title}”`);
    if (post.kind === 'reply') {
      const answered = new Set([post.parent_author_id, post.thread_author_id].filter((id): id is string => id !== null));
      for (const userId of answered) tell(userId, 'reply', `replied in “${thread.title}”`);
    }
  }
  // A mention and a reply to the same person from one post: the mention says more.
  const seen = new Set<string>();
  await notify(tx, list.filter((n) => (seen.has(n.userId) ? false : (seen.add(n.userId), true))));
}
