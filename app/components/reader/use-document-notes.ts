/**
 * The notes of a document as the reader shows them, from its rooms (class, the reader's own private
 * room, and for instructors the staff room): threaded, anchored in the text as it is now, with the
 * server's first paint standing in for each room until it arrives.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { anchorOf } from '~/lib/anchoring/reanchor';
import { previewViews } from '~/lib/notes/first-paint';
import { entryKey, readModFlags, readNotes } from '~/lib/notes/model';
import { noteRoomName } from '~/lib/notes/rooms';
import { useRoom, type LiveRoom } from '~/lib/notes/use-room';
import type { NoteView } from '~/lib/notes/views';
import type { Visibility } from '~/lib/notes/visibility';

export interface DocumentNotesInput {
  courseId: string;
  documentId: string;
  documentVersion: number;
  text: string;
  me: { id: string };
  isInstructor: boolean;
  names: Record<string, string>;
  instructorIds: string[];
  firstPaint?: string;
}

export function useDocumentNotes(input: DocumentNotesInput) {
  const { courseId, documentId, me, isInstructor, text, documentVersion, names, instructorIds } = input;
  const at = { courseId, documentId, userId: me.id };
  const classRoom = useRoom(noteRoomName('class', at), me.id);
  const privateRoom = useRoom(noteRoomName('private', at), me.id);
  const staffRoom = useRoom(isInstructor ? noteRoomName('staff', at) : null, me.id);
  const rooms: [Visibility, LiveRoom | null][] = [
    ['class', classRoom],
    ['private', privateRoom],
    ['staff', staffRoom],
  ];
  const versions = rooms.map(([, r]) => r?.version ?? -1).join(',');
  // The server's first paint, standing in for each room's notes until the room has arrived. Read in
  // the first render, on the server too, so hydration already holds the notes; the cards themselves are
  // rendered only once hydrated (their dates are in the reader's locale, which the server does not know).
  const [hydrated, setHydrated] = useState(false);
  useLayoutEffect(() => setHydrated(true), []);
  const preview = useMemo(
    () => (input.firstPaint ? previewViews(input.firstPaint, names, documentVersion, instructorIds) : null),
    [input.firstPaint, names, documentVersion, instructorIds],
  );
  // Anchors by note object: an unchanged note keeps its object (readNotes), so it is anchored once.
  const anchors = useRef(new WeakMap<object, NoteView['anchor']>());
  const views = useMemo(() => {
    const all: NoteView[] = [];
    for (const [visibility, room] of rooms) {
      // Until a room has arrived, the server's first paint stands in for the notes it does not hold
      // (the browser's copy may hold some already, and changes not yet sent).
      if (!room?.synced) {
        const held = new Set(room ? readNotes(room.doc).map((n) => entryKey(n.authorId, n.id)) : []);
        all.push(...(preview?.get(visibility) ?? []).filter((v) => !held.has(v.key)));
      }
      if (!room) continue;
      const flags = readModFlags(room.doc);
      for (const note of readNotes(room.doc)) {
        const key = entryKey(note.authorId, note.id);
        let anchor = anchors.current.get(note);
        if (anchor === undefined) {
          const selectors = note.selectors;
          anchor = selectors ? anchorOf(text, documentVersion, { documentVersion: note.documentVersion, ...selectors.position, quote: selectors.quote.exact }, selectors) : null;
          anchors.current.set(note, anchor);
        }
        all.push({ key, note, visibility, authorName: names[note.authorId] ?? 'Former member', byInstructor: instructorIds.includes(note.authorId), flag: flags.get(key) ?? null, anchor, replies: [] });
      }
    }
    const byKey = new Map(all.map((v) => [v.key, v]));
    const top: NoteView[] = [];
    for (const view of all) {
      if (view.note.kind === 'reply' && view.note.parentId && view.note.parentAuthorId) {
        byKey.get(entryKey(view.note.parentAuthorId, view.note.parentId))?.replies.push(view);
      } else if (view.note.kind === 'note') {
        top.push(view);
      }
    }
    for (const view of top) view.replies.sort((a, b) => a.note.createdAt - b.note.createdAt);
    // A deleted note with no replies is gone; with replies it stays as a placeholder.
    return top.filter((v) => !v.note.deleted || v.replies.length > 0 || (v.preview?.replies ?? 0) > 0);
    // (`versions` stands for the rooms: a new room object each render, a new version on each change.)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `versions` stands for the rooms
  }, [versions, text, documentVersion, names, instructorIds, preview]);

  // The rooms, current in callbacks made once (the cards' actions).
  const latestRooms = useRef(rooms);
  latestRooms.current = rooms;
  const roomFor = useRef((visibility: Visibility) => latestRooms.current.find(([v]) => v === visibility)?.[1] ?? null).current;
  return { rooms, classRoom, views, versions, preview, hydrated, roomFor };
}
