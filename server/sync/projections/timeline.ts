/**
 * Projects the timeline events of a course's compare room into `timeline_events`, which the timeline's
 * first paint and the reader's margin read. The sync server checked the shapes; here what only the database
 * knows: the lane is a case of the course (or the context lane) and the passage is on a ¶ of a source of the
 * course (passages.ts). An event that fails is logged and is not a row (docs/timeline.md).
 */
import { readTimelineEvents } from '~/lib/compare/timeline';
import { readModFlags } from '~/lib/notes/model';
import { isUuid } from '~/lib/rooms/ids';
import { entryKey } from '~/lib/rooms/kinds';
import { logger } from '../../logger';
import { blocksOfEnds } from './passages';
import type { Projection } from './projection';

export interface TimelineEventRow {
  room: string;
  author_id: string;
  id: string;
  course_id: string;
  label: string;
  start_date: string;
  end_date: string | null;
  precision: string;
  case_id: string | null;
  people: string[];
  target: unknown;
  source: string;
  block: number;
  quote: string;
  created_at: Date;
  updated_at: Date;
  hidden: boolean;
  hidden_reason: string | null;
  deleted: boolean;
}

export const timelineProjection: Projection<TimelineEventRow> = {
  table: 'timeline_events',
  rows(roomName, room, doc) {
    const flags = readModFlags(doc);
    return readTimelineEvents(doc)
      .filter((e) => isUuid(e.authorId))
      .map((e) => {
        const flag = flags.get(entryKey(e.authorId, e.id));
        return {
          room: roomName,
          author_id: e.authorId,
          id: e.id,
          course_id: room.courseId,
          label: e.label,
          start_date: e.when.start,
          end_date: e.when.end ?? null,
          precision: e.when.precision,
          case_id: e.case,
          people: e.people,
          target: e.target,
          source: e.target[0].source,
          block: 0,
          quote: e.target[0].selector[1].exact,
          created_at: new Date(e.created),
          updated_at: new Date(e.modified),
          hidden: flag?.hidden ?? false,
          hidden_reason: flag?.hidden ? flag.reason : null,
          deleted: e.deleted,
        };
      });
  },
  async upsert(tx, roomName, changed) {
    const courseId = changed[0]!.course_id;
    const cases = new Set((await tx<{ id: string }[]>`SELECT id FROM course_cases WHERE course_id = ${courseId}`).map((c) => c.id));
    const blocks = await blocksOfEnds(tx, courseId, changed.map((r) => (r.target as Parameters<typeof blocksOfEnds>[2])[0]!));
    const placed = changed.map((row, i) => {
      if (row.case_id !== null && !cases.has(row.case_id)) return { row, refusal: 'its lane is not a case of the course' };
      if (blocks[i] === undefined) return { row, refusal: 'its passage is not on a ¶ of a source of the course' };
      return { row: { ...row, block: blocks[i]! }, refusal: null };
    });
    const refused = placed.filter((p) => p.refusal !== null);
    for (const { row, refusal } of refused) logger.warn({ room: roomName, author: row.author_id, event: row.id, refusal }, 'timeline event not projected');
    if (refused.length > 0) {
      await tx`DELETE FROM timeline_events WHERE room = ${roomName} AND author_id::text || ':' || id = ANY(${tx.array(refused.map((p) => `${p.row.author_id}:${p.row.id}`))})`;
    }
    const rows = placed.filter((p) => p.refusal === null).map((p) => ({ ...p.row, target: tx.json(p.row.target as never), people: tx.array(p.row.people) }));
    if (rows.length === 0) return;
    await tx`
      INSERT INTO timeline_events ${tx(rows as never)}
      ON CONFLICT (room, author_id, id) DO UPDATE SET
        label = EXCLUDED.label, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date, precision = EXCLUDED.precision,
        case_id = EXCLUDED.case_id, people = EXCLUDED.people, target = EXCLUDED.target, source = EXCLUDED.source, block = EXCLUDED.block,
        quote = EXCLUDED.quote, updated_at = EXCLUDED.updated_at, hidden = EXCLUDED.hidden, hidden_reason = EXCLUDED.hidden_reason, deleted = EXCLUDED.deleted`;
  },
};
