/**
 * The class's timeline, live from the course's compare room (app/lib/compare/timeline.ts): its events by
 * date, and the writes a member may make. Until the room arrives, what the page brought. A hidden event is
 * shown to its author and to instructors only; a deleted one to nobody.
 */
import { useMemo, useRef } from 'react';
import { addTimelineEvent, reattachTimelineEvent, readTimelineEvents, updateTimelineEvent, type EventInput, type PaintedEvent, type TimelineEvent } from '~/lib/compare/timeline';
import { readModFlags, setHidden, type ModFlag } from '~/lib/notes/model';
import type { LiveRoom } from '~/lib/notes/use-room';
import { entryKey } from '~/lib/rooms/kinds';

export interface EventView {
  key: string;
  event: TimelineEvent;
  authorName: string;
  flag: ModFlag | null;
}

export interface Timeline {
  /** There is something to show: the room has arrived, or the page brought the events. */
  ready: boolean;
  /** What is shown is the room's: changes wait for it. */
  live: boolean;
  /** By date, then as written. */
  events: EventView[];
  add(input: Omit<EventInput, 'id'>): string | null;
  /** Null when written; else why not. */
  edit(view: EventView, change: Parameters<typeof updateTimelineEvent>[3]): string | null;
  remove(view: EventView): void;
  /** Moves one's own event to a new passage of its source (its old one is not in this version). */
  reattach(view: EventView, end: TimelineEvent['target'][0]): void;
  setHidden(view: EventView, hidden: boolean, reason: string): void;
}

const byDate = (a: EventView, b: EventView) => a.event.when.start.localeCompare(b.event.when.start) || a.event.created - b.event.created;

export function useTimeline(input: { room: LiveRoom | null; me: { id: string }; isInstructor: boolean; names: Record<string, string>; firstPaint?: PaintedEvent[] }): Timeline {
  const { room, me, isInstructor, names, firstPaint } = input;
  const live = room && (room.synced || (room.localLoaded && !firstPaint)) ? room : null;
  const version = live?.version ?? -1;
  const events = useMemo(() => {
    const views: EventView[] = [];
    const view = (event: TimelineEvent, flag: ModFlag | null): EventView => ({ key: entryKey(event.authorId, event.id), event, authorName: names[event.authorId] ?? 'Former member', flag });
    if (live) {
      const flags = readModFlags(live.doc);
      for (const event of readTimelineEvents(live.doc)) {
        const flag = flags.get(entryKey(event.authorId, event.id)) ?? null;
        if (event.deleted || (flag?.hidden && !isInstructor && event.authorId !== me.id)) continue;
        views.push(view(event, flag));
      }
    } else {
      // (the server applied the visibility rules)
      for (const { event, hidden } of firstPaint ?? []) views.push(view(event, hidden ? { hidden: true, reason: hidden.reason, by: '', at: 0 } : null));
    }
    return views.sort(byDate);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` stands for the room's content
  }, [live?.doc, version, names, isInstructor, me.id, firstPaint]);
  const latest = useRef(room);
  latest.current = room;
  const doc = () => latest.current?.doc ?? null;
  return {
    ready: room?.synced === true || firstPaint !== undefined,
    live: live !== null,
    events,
    add(event) {
      const d = doc();
      if (!d) return 'The timeline has not arrived yet. Try again in a moment.';
      addTimelineEvent(d, me.id, { ...event, id: crypto.randomUUID() });
      return null;
    },
    edit(view, change) {
      const d = doc();
      if (!d) return 'The timeline has not arrived yet. Try again in a moment.';
      if (view.event.authorId !== me.id) return 'Only its author edits an event.';
      updateTimelineEvent(d, me.id, view.event.id, change);
      return null;
    },
    remove(view) {
      const d = doc();
      if (d && view.event.authorId === me.id) updateTimelineEvent(d, me.id, view.event.id, { deleted: true });
    },
    reattach(view, end) {
      const d = doc();
      if (d && view.event.authorId === me.id) reattachTimelineEvent(d, me.id, view.event.id, end);
    },
    setHidden(view, hidden, reason) {
      const d = doc();
      if (d && isInstructor) setHidden(d, { authorId: view.event.authorId, noteId: view.event.id, hidden, reason, by: me.id });
    },
  };
}
