/**
 * Projects the spotlights of a course's seminar room into `seminar_spotlights`, which a seminar's record
 * reads. The sync server checked their shape; here what only the database knows: the seminar is one of the
 * room's course (a spotlight naming another is logged and is not a row).
 */
import { readSpotlights } from '~/lib/seminar/model';
import { isUuid } from '~/lib/rooms/ids';
import { logger } from '../../logger';
import type { Projection } from './projection';

export interface SpotlightRow {
  room: string;
  author_id: string;
  id: string;
  seminar_id: string;
  target: unknown;
  label: string;
  at: Date;
}

export const spotlightsProjection: Projection<SpotlightRow> = {
  table: 'seminar_spotlights',
  rows(roomName, _room, doc) {
    return readSpotlights(doc)
      .filter((s) => isUuid(s.authorId))
      .map((s) => ({ room: roomName, author_id: s.authorId, id: s.id, seminar_id: s.seminarId, target: s.target, label: s.target?.quote ?? '', at: new Date(s.at) }));
  },
  async upsert(tx, roomName, changed) {
    const courseId = roomName.slice(roomName.indexOf(':') + 1);
    const ids = [...new Set(changed.map((r) => r.seminar_id))];
    const ours = new Set((await tx<{ id: string }[]>`SELECT id FROM seminars WHERE course_id = ${courseId} AND id = ANY(${tx.array(ids)}::uuid[])`).map((s) => s.id));
    const rows = changed.filter((r) => ours.has(r.seminar_id));
    if (rows.length < changed.length) logger.warn({ room: roomName, refused: changed.length - rows.length }, 'spotlights of a seminar not of this course: not projected');
    if (rows.length === 0) return;
    await tx`
      INSERT INTO seminar_spotlights ${tx(rows.map((r) => ({ ...r, target: r.target === null ? null : tx.json(r.target as never) })) as never)}
      ON CONFLICT (room, author_id, id) DO UPDATE SET target = EXCLUDED.target, label = EXCLUDED.label, at = EXCLUDED.at`;
  },
};
