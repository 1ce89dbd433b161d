/**
 * Projects the replies to the class's evidence links (a course's compare room) into `link_replies`,
 * which search and exports read, and tells a link's author of a reply from someone else, once.
 */
import type * as Y from 'yjs';
import { readLinkReplies } from '~/lib/compare/link-replies';
import { linkThreadPath, type Link } from '~/lib/compare/links';
import { readModFlags } from '~/lib/notes/model';
import { isUuid } from '~/lib/rooms/ids';
import { entryKey } from '~/lib/rooms/kinds';
import type { ParsedRoom } from '~/lib/rooms/names';
import { notify } from '../../../db/queries/notifications';
import type { Projection } from './projection';

export interface LinkReplyRow {
  room: string;
  author_id: string;
  id: string;
  course_id: string;
  link_author_id: string;
  link_id: string;
  body: string;
  created_at: Date;
  updated_at: Date;
  hidden: boolean;
  hidden_reason: string | null;
  deleted: boolean;
}

export function linkReplyRows(roomName: string, room: ParsedRoom, doc: Y.Doc): LinkReplyRow[] {
  const flags = readModFlags(doc);
  return readLinkReplies(doc)
    .filter((r) => isUuid(r.authorId))
    .map((r) => {
      const flag = flags.get(entryKey(r.authorId, r.id));
      return {
        room: roomName,
        author_id: r.authorId,
        id: r.id,
        course_id: room.courseId,
        link_author_id: r.target.author,
        link_id: r.target.id,
        body: r.body.value,
        created_at: new Date(r.created),
        updated_at: new Date(r.modified),
        hidden: flag?.hidden ?? false,
        hidden_reason: flag?.hidden ? flag.reason : null,
        deleted: r.deleted,
      };
    });
}

type Tx = Parameters<Projection['upsert']>[0];

/** Tells each link's author (still a member, the link a class row) of a reply by someone else. */
async function notifyLinkAuthors(tx: Tx, replies: LinkReplyRow[]) {
  const wanted = replies.filter((r) => r.link_author_id !== r.author_id && !r.hidden && !r.deleted);
  if (wanted.length === 0) return;
  const links = await tx<{ author_id: string; id: string; relation: string; ends: Link['target']; block_a: number; block_b: number }[]>`
    SELECT l.author_id, l.id, l.relation, l.ends, l.block_a, l.block_b
    FROM evidence_links l JOIN memberships m ON m.course_id = l.course_id AND m.user_id = l.author_id
    WHERE l.room = ${wanted[0]!.room} AND l.visibility = 'class' AND NOT l.deleted
      AND (l.author_id, l.id) IN (SELECT * FROM unnest(${tx.array(wanted.map((r) => r.link_author_id))}::uuid[], ${tx.array(wanted.map((r) => r.link_id))}::text[]))`;
  const byKey = new Map(links.map((l) => [entryKey(l.author_id, l.id), l]));
  await notify(
    tx,
    wanted.flatMap((r) => {
      const link = byKey.get(entryKey(r.link_author_id, r.link_id));
      if (!link) return [];
      return [
        {
          userId: link.author_id,
          courseId: r.course_id,
          kind: 'reply' as const,
          actorId: r.author_id,
          title: `replied to your evidence link “${link.relation}”`,
          excerpt: r.body,
          link: linkThreadPath(r.course_id, { authorId: link.author_id, id: link.id, target: link.ends }, [link.block_a, link.block_b]),
          eventKey: `link-reply:${r.room}:${r.author_id}:${r.id}`,
        },
      ];
    }),
  );
}

export const linkRepliesProjection: Projection<LinkReplyRow> = {
  table: 'link_replies',
  rows: linkReplyRows,
  async upsert(tx, _roomName, changed) {
    await tx`
      INSERT INTO link_replies ${tx(changed as never)}
      ON CONFLICT (room, author_id, id) DO UPDATE SET
        body = EXCLUDED.body, updated_at = EXCLUDED.updated_at,
        hidden = EXCLUDED.hidden, hidden_reason = EXCLUDED.hidden_reason, deleted = EXCLUDED.deleted`;
    await notifyLinkAuthors(tx, changed);
  },
};
