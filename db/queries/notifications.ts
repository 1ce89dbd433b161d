import type { Visibility } from '~/lib/notes/visibility';
import { sql, type Transaction } from '../sql';

/** What a notification's event is about; its stream tells open pages (server/events.ts). */
export type UserEventKind = 'notifications' | 'progress' | 'seminar';

/** Tells every instance's event streams that these users have something new. */
export async function announce(tx: Transaction | typeof sql, userIds: Iterable<string>, kind: UserEventKind = 'notifications') {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await tx`SELECT pg_notify('plenum_user', ${kind} || ' ' || u) FROM unnest(${tx.array(unique)}::text[]) AS u`;
}

export interface Notification {
  id: string;
  kind: 'reply' | 'mention' | 'assignment' | 'due-soon' | 'moderation' | 'correction';
  actorName: string | null;
  title: string;
  excerpt: string;
  link: string;
  createdAt: Date;
  readAt: Date | null;
}

/**
 * Reminds every student of each published assignment due within 24 hours that they have not submitted,
 * once per assignment, and rings their open pages. Run by the server every minute (server/reminders.ts);
 * several instances may run it at once (each reminder is stored once). Returns how many were made.
 */
export async function remindDueSoon(): Promise<number> {
  return sql.begin(async (tx) => {
    const made = await tx<{ user_id: string }[]>`
      INSERT INTO notifications (user_id, course_id, kind, title, link, event_key)
      SELECT m.user_id, a.course_id, 'due-soon', 'Due within 24 hours: ' || a.title,
             '/c/' || a.course_id || '/assignments/' || a.id, 'due-soon:' || a.id
      FROM assignments a JOIN memberships m ON m.course_id = a.course_id AND m.role = 'student'
      WHERE a.published_at IS NOT NULL AND a.due_at > now() AND a.due_at <= now() + interval '24 hours'
        AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.assignment_id = a.id AND s.user_id = m.user_id AND s.submitted_at IS NOT NULL)
      ON CONFLICT (user_id, event_key) DO NOTHING
      RETURNING user_id`;
    await announce(tx, made.map((r) => r.user_id));
    return made.length;
  });
}

/** The user's notifications in a course, newest first, and how many are unread. */
export async function listNotifications(userId: string, courseId: string, limit = 30): Promise<{ items: Notification[]; unread: number }> {
  const items = await sql<Notification[]>`
    SELECT n.id, n.kind, u.display_name AS "actorName", n.title, n.excerpt, n.link, n.created_at AS "createdAt", n.read_at AS "readAt"
    FROM notifications n LEFT JOIN users u ON u.id = n.actor_id
    WHERE n.user_id = ${userId} AND n.course_id = ${courseId}
    ORDER BY n.created_at DESC LIMIT ${limit}`;
  const [counted] = await sql<{ unread: number }[]>`
    SELECT count(*)::int AS unread FROM notifications WHERE user_id = ${userId} AND course_id = ${courseId} AND read_at IS NULL`;
  return { items, unread: counted!.unread };
}

/** Marks one notification (or, with no id, all of the course's) read; only the owner's. */
export async function markRead(userId: string, courseId: string, id?: string): Promise<number> {
  const rows = await sql`
    UPDATE notifications SET read_at = now()
    WHERE user_id = ${userId} AND course_id = ${courseId} AND read_at IS NULL AND (${id ?? null}::uuid IS NULL OR id = ${id ?? null})
    RETURNING id`;
  return rows.length;
}

export interface NewNotification {
  userId: string;
  courseId: string;
  kind: Notification['kind'];
  actorId: string | null;
  title: string;
  excerpt: string;
  link: string;
  eventKey: string;
}

/** Stores notifications (each event once per user) and tells the users' open pages. */
export async function notify(tx: Transaction | typeof sql, list: NewNotification[]) {
  if (list.length === 0) return;
  const stored = await tx<{ user_id: string }[]>`
    INSERT INTO notifications ${tx(list.map((n) => ({
      user_id: n.userId, course_id: n.courseId, kind: n.kind, actor_id: n.actorId, title: n.title,
      excerpt: n.excerpt.slice(0, 280), link: n.link, event_key: n.eventKey,
    })))}
    ON CONFLICT (user_id, event_key) DO NOTHING
    RETURNING user_id`;
  await announce(tx, stored.map((s) => s.user_id));
}

/** A reply as the notes projection writes it. */
export interface ProjectedReply {
  room: string;
  id: string;
  author_id: string;
  course_id: string;
  document_id: string;
  visibility: Visibility;
  parent_id: string | null;
  parent_author_id: string | null;
  body: string;
  hidden: boolean;
  deleted: boolean;
}

/** Tells each note's author, once, that a member of the course replied to it. */
export async function notifyNoteReplies(tx: Transaction, replies: ProjectedReply[]) {
  const wanted = replies.filter(
    (r) => r.visibility !== 'private' && r.parent_author_id && r.parent_id && r.parent_author_id !== r.author_id && !r.hidden && !r.deleted,
  );
  if (wanted.length === 0) return;
  const titles = await tx<{ id: string; title: string }[]>`
    SELECT id, title FROM documents WHERE id = ANY(${tx.array([...new Set(wanted.map((r) => r.document_id))])}::uuid[])`;
  const members = await tx<{ course_id: string; user_id: string }[]>`
    SELECT course_id, user_id FROM memberships
    WHERE course_id = ANY(${tx.array([...new Set(wanted.map((r) => r.course_id))])}::uuid[])
      AND user_id = ANY(${tx.array([...new Set(wanted.map((r) => r.parent_author_id!))])}::uuid[])`;
  const isMember = new Set(members.map((m) => `${m.course_id}/${m.user_id}`));
  const title = new Map(titles.map((t) => [t.id, t.title]));
  await notify(
    tx,
    wanted
      .filter((r) => isMember.has(`${r.course_id}/${r.parent_author_id}`))
      .map((r) => ({
        userId: r.parent_author_id!,
        courseId: r.course_id,
        kind: 'reply' as const,
        actorId: r.author_id,
        title: `replied to your note on “${title.get(r.document_id) ?? 'a source'}”`,
        excerpt: r.body,
        link: `/c/${r.course_id}/d/${r.document_id}?note=${encodeURIComponent(`${r.parent_author_id}:${r.parent_id}`)}`,
        eventKey: `reply:${r.room}:${r.author_id}:${r.id}`,
      })),
  );
}

/** A note or reply as the projection writes it, with its moderation. */
export interface ProjectedModeration {
  room: string;
  id: string;
  author_id: string;
  course_id: string;
  document_id: string;
  hidden: boolean;
  hidden_reason: string | null;
  deleted: boolean;
}

/**
 * Tells an author that an instructor hid their note or reply from the class, with the reason, or
 * showed it again: once per change (`previous` holds what was last projected, by row key).
 */
export async function notifyModeration(tx: Transaction, rows: ProjectedModeration[], previous: Map<string, boolean>) {
  const changed = rows.filter((r) => !r.deleted && (previous.get(`${r.author_id}:${r.id}`) ?? false) !== r.hidden);
  if (changed.length === 0) return;
  const titles = await tx<{ id: string; title: string }[]>`
    SELECT id, title FROM documents WHERE id = ANY(${tx.array([...new Set(changed.map((r) => r.document_id))])}::uuid[])`;
  const title = new Map(titles.map((t) => [t.id, t.title]));
  const stamp = Date.now();
  await notify(
    tx,
    changed.map((r) => ({
      userId: r.author_id,
      courseId: r.course_id,
      kind: 'moderation' as const,
      actorId: null,
      title: r.hidden
        ? `An instructor hid your note on “${title.get(r.document_id) ?? 'a source'}” from the class`
        : `An instructor showed your note on “${title.get(r.document_id) ?? 'a source'}” to the class again`,
      excerpt: r.hidden ? `Reason: ${r.hidden_reason || 'none given'}` : '',
      link: `/c/${r.course_id}/d/${r.document_id}?note=${encodeURIComponent(`${r.author_id}:${r.id}`)}`,
      eventKey: `moderation:${r.room}:${r.author_id}:${r.id}:${r.hidden ? 'hidden' : 'shown'}:${stamp}`,
    })),
  );
}
