/**
 * The class's parallel timeline, in the course's compare room beside links and the matrix: each event a
 * member's entry under `u:<userId>` (written, edited and deleted by its author, hidden by instructors
 * under `mod` like a note): a label, a date with its precision, the case whose lane it is on (null: the
 * shared context lane), the people it concerns, and the passage it was made from (docs/timeline.md).
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { entryCache, isKind, readBranchEntries } from '~/lib/branch-entries';
import { UUID_PATTERN } from '~/lib/rooms/ids';
import { userBranch } from '~/lib/rooms/kinds';
import { linkEndSchema } from './links';
import type { EventDate } from './event-dates';

export const TIMELINE_LIMITS = { label: 160, people: 12, eventsPerMember: 500 } as const;

const uuid = z.string().regex(new RegExp(`^${UUID_PATTERN}$`));
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const eventDateSchema = z
  .object({ start: isoDate, end: isoDate.optional(), precision: z.enum(['day', 'month', 'year']) })
  .refine((d) => d.end === undefined || d.end >= d.start, 'the end is before the start');

export const timelineEventSchema = z.object({
  type: z.literal('TimelineEvent'),
  id: z.string().min(1).max(64),
  label: z.string().trim().min(1).max(TIMELINE_LIMITS.label),
  when: eventDateSchema,
  /** The lane: one of the course's cases, or null for the shared context lane. */
  case: uuid.nullable(),
  /** People of the course's people index it concerns. */
  people: z.array(uuid).max(TIMELINE_LIMITS.people),
  /** The passage it was made from. */
  target: z.tuple([linkEndSchema]),
  created: z.number(),
  modified: z.number(),
  deleted: z.boolean(),
});
export type TimelineEventValue = z.infer<typeof timelineEventSchema>;
export type TimelineEvent = TimelineEventValue & { authorId: string };

/** An event as a page brings it for its first paint (timeline-first-paint.server.ts), before the room arrives. */
export interface PaintedEvent {
  event: TimelineEvent;
  hidden: { reason: string } | null;
}

const parsedEvents = entryCache<TimelineEvent>();

/** Every well-formed event in the room (an unchanged one stays the same object). */
export function readTimelineEvents(doc: Y.Doc): TimelineEvent[] {
  return readBranchEntries(doc, parsedEvents, (json, id, authorId) => {
    if (!isKind(json, 'type', 'TimelineEvent')) return null;
    const event = timelineEventSchema.safeParse(json).data;
    return event && event.id === id ? { ...event, authorId } : null;
  });
}

export interface EventInput {
  id: string;
  label: string;
  when: EventDate;
  caseId: string | null;
  people: string[];
  target: TimelineEventValue['target'];
}

export function addTimelineEvent(doc: Y.Doc, authorId: string, input: EventInput, now = Date.now()) {
  const event: TimelineEventValue = { type: 'TimelineEvent', id: input.id, label: input.label.trim(), when: input.when, case: input.caseId, people: input.people, target: input.target, created: now, modified: now, deleted: false };
  doc.getMap(userBranch(authorId)).set(event.id, JSON.stringify(event));
}

/** Moves one's own event to a new passage of the same source (its old one is not in a newer version). */
export function reattachTimelineEvent(doc: Y.Doc, authorId: string, id: string, end: TimelineEventValue['target'][0]) {
  const stored = doc.getMap(userBranch(authorId)).get(id);
  if (typeof stored !== 'string') return;
  const event = timelineEventSchema.safeParse(JSON.parse(stored)).data;
  if (event && !event.deleted && event.target[0].source === end.source) doc.getMap(userBranch(authorId)).set(id, JSON.stringify({ ...event, target: [end], modified: Date.now() }));
}

/** Edits one's own event (its passage moves only by re-attaching), or deletes it (a tombstone stays). */
export function updateTimelineEvent(doc: Y.Doc, authorId: string, id: string, change: Partial<Pick<TimelineEventValue, 'label' | 'when' | 'case' | 'people' | 'deleted'>>) {
  const stored = doc.getMap(userBranch(authorId)).get(id);
  if (typeof stored !== 'string') return;
  const event = timelineEventSchema.safeParse(JSON.parse(stored)).data;
  if (event) doc.getMap(userBranch(authorId)).set(id, JSON.stringify({ ...event, ...change, modified: Date.now() }));
}
