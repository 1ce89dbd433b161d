/**
 * The timeline as a page brings it (from the projection), so it is painted with the page before the
 * compare room arrives; the room takes over once synced (components/timeline/use-timeline.ts). With each
 * event's passage anchored again in its source's newest version: the ¶ it is in now (null: not found).
 */
import { getDocumentForReader } from '../../../db/queries/documents';
import { visibleTimelineEvents } from '../../../db/queries/timeline';
import { anchorOfEnd, blockAtOffset } from './link-anchors';
import { shows, type PeerView } from './peer-gate.server';
import type { PaintedEvent, TimelineEvent } from './timeline';

export async function timelineFirstPaint(input: { courseId: string; viewer: { id: string; isInstructor: boolean }; documentId?: string; peers?: PeerView }) {
  const all = await visibleTimelineEvents({ courseId: input.courseId, userId: input.viewer.id, isInstructor: input.viewer.isInstructor, documentId: input.documentId });
  const records = input.peers ? all.filter((r) => shows(input.peers!, null, r.authorId)) : all;
  const events: PaintedEvent[] = records.map((r) => ({
    event: {
      type: 'TimelineEvent',
      id: r.id,
      authorId: r.authorId,
      label: r.label,
      when: { start: r.start, ...(r.end ? { end: r.end } : {}), precision: r.precision },
      case: r.caseId,
      people: r.people,
      target: r.target as TimelineEvent['target'],
      created: r.createdAt.getTime(),
      modified: r.updatedAt.getTime(),
      deleted: false,
    },
    hidden: r.hidden ? { reason: r.hiddenReason ?? '' } : null,
  }));
  return { events, blocks: await currentBlocks(input.courseId, events.map((e) => e.event)) };
}

/**
 * Where each event's passage is now, keyed "<source>:<start>": its ¶ in the source's newest version,
 * anchored again (exact, else by its quote and context), or null where it is no longer found.
 */
export async function currentBlocks(courseId: string, events: readonly TimelineEvent[]): Promise<Record<string, number | null>> {
  const blocks: Record<string, number | null> = {};
  const sources = [...new Set(events.map((e) => e.target[0].source))];
  const texts = new Map(await Promise.all(sources.map(async (id) => [id, await getDocumentForReader({ courseId, documentId: id })] as const)));
  for (const e of events) {
    const end = e.target[0];
    const doc = texts.get(end.source);
    const anchor = doc ? anchorOfEnd(doc.text, doc.document.version, end) : null;
    blocks[`${end.source}:${end.selector[0].start}`] = anchor && doc ? (blockAtOffset(doc.blocks, anchor.start)?.number ?? null) : null;
  }
  return blocks;
}
