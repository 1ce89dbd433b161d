/**
 * The course's evidence links, live: the class's from its compare room, the member's own ("Only me")
 * from their mylinks room. A hidden link is shown to its author and to instructors only; a deleted one
 * to nobody. One instance serves a page (the compare view shares it between its two readers).
 */
import { useMemo, useRef } from 'react';
import { addLinkReply, readLinkReplies, repliesByLink, updateLinkReply, type LinkReply } from '~/lib/compare/link-replies';
import { addLink, deleteLink, linkEntry, reattachLinkEnd, readLinks, setLinkEndOverride, setLinkHidden, updateLink, type Link, type LinkEnd, type LinkInput, type PaintedLink } from '~/lib/compare/links';
import { readModFlags, type ModFlag } from '~/lib/notes/model';
import { entryKey } from '~/lib/rooms/kinds';
import { roomName } from '~/lib/rooms/names';
import { useRoom, type LiveRoom } from '~/lib/notes/use-room';

export type LinkVisibility = 'class' | 'private';

export interface LinkView {
  key: string;
  link: Link;
  visibility: LinkVisibility;
  authorName: string;
  byInstructor: boolean;
  flag: ModFlag | null;
  /** Brought by the page, its room not yet arrived: shown, not yet changeable (changes are made on the room's copy). */
  fromPage?: true;
  /** Its discussion, oldest first (class links only; deleted replies are left out). */
  replies: LinkReplyView[];
}

export interface LinkReplyView {
  key: string;
  reply: LinkReply;
  authorName: string;
  byInstructor: boolean;
  flag: ModFlag | null;
}

export interface CourseLinks {
  views: LinkView[];
  /** The course's compare room, which also holds the matrix (use-matrix.ts). */
  classRoom: LiveRoom | null;
  /** Writes the link into its room; false while that room has not loaded yet (nothing written). */
  create(input: LinkInput, visibility: LinkVisibility): boolean;
  /** Deletes one's own link. */
  remove(view: LinkView): void;
  /** Changes one's own link's relation and comment (its ends stay: another pair is another link). */
  update(view: LinkView, change: { relation: string; comment: string }): void;
  /** An instructor hides (or shows again) a class link, as notes are. */
  setHidden(view: LinkView, hidden: boolean, reason: string): void;
  /** Moves one's own end of a link (on the same source) to a new passage: its old one is not in this version. */
  reattachEnd(view: LinkView, index: 0 | 1, end: LinkEnd): void;
  /** Replies to a class link; false while the compare room has not loaded yet (nothing written). */
  reply(view: LinkView, body: string): boolean;
  /** Edits or deletes one's own reply. */
  changeReply(reply: LinkReplyView, change: { body: string } | { deleted: true }): void;
  /** An instructor hides (or shows again) a reply. */
  setReplyHidden(reply: LinkReplyView, hidden: boolean, reason: string): void;
}

export function useCourseLinks(input: {
  courseId: string;
  me: { id: string };
  isInstructor: boolean;
  names: Record<string, string>;
  instructorIds: string[];
  /** The links the page brought with it: shown for each room until that room has synced. */
  firstPaint?: PaintedLink[];
}): CourseLinks {
  const { courseId, me, isInstructor, names, instructorIds, firstPaint } = input;
  const classRoom = useRoom(roomName({ kind: 'compare', courseId }), me.id);
  const ownRoom = useRoom(roomName({ kind: 'mylinks', courseId, userId: me.id }), me.id);
  const rooms: [LinkVisibility, LiveRoom | null][] = [
    ['class', classRoom],
    ['private', ownRoom],
  ];
  const versions = rooms.map(([, r]) => `${r?.version ?? -1}:${r?.synced ?? false}`).join(',');
  // The views of the last change, kept where nothing of theirs changed: a busy room (a class adding
  // links every second) then re-renders only the badges that did.
  const previous = useRef({ views: new Map<string, LinkView>(), names, instructorIds });
  const views = useMemo(() => {
    const all: LinkView[] = [];
    // (Names and roles are in the views: none is kept when they change.)
    const sameNames = previous.current.names === names && previous.current.instructorIds === instructorIds;
    const kept = sameNames ? previous.current.views : new Map<string, LinkView>();
    const next = new Map<string, LinkView>();
    const person = (authorId: string) => ({ authorName: names[authorId] ?? 'Former member', byInstructor: instructorIds.includes(authorId) });
    const view = (link: Link, visibility: LinkVisibility, flag: ModFlag | null, replies: LinkReplyView[] = []): LinkView => ({
      key: entryKey(link.authorId, link.id),
      link,
      visibility,
      ...person(link.authorId),
      flag,
      replies,
    });
    for (const [visibility, room] of rooms) {
      if (!room?.synced) {
        // Until the room has arrived: what the page brought (the server applied the visibility rules).
        const own = new Set(room ? readLinks(room.doc).map((l) => entryKey(l.authorId, l.id)) : []);
        for (const p of firstPaint ?? []) {
          if (p.visibility !== visibility || own.has(entryKey(p.authorId, p.entry.id))) continue;
          all.push({ ...view({ ...p.entry, authorId: p.authorId }, visibility, p.hidden ? { hidden: true, reason: p.hidden.reason, by: '', at: 0 } : null), fromPage: true });
        }
      }
      if (!room) continue;
      const flags = readModFlags(room.doc);
      const replies = visibility === 'class' ? repliesByLink(readLinkReplies(room.doc).filter((r) => !r.deleted)) : new Map<string, LinkReply[]>();
      for (const link of readLinks(room.doc)) {
        const key = entryKey(link.authorId, link.id);
        const flag = flags.get(key) ?? null;
        if (link.deleted) continue;
        if (flag?.hidden && !isInstructor && link.authorId !== me.id) continue;
        const thread = (replies.get(key) ?? []).map((reply) => {
          const replyKey = entryKey(reply.authorId, reply.id);
          return { key: replyKey, reply, ...person(reply.authorId), flag: flags.get(replyKey) ?? null };
        });
        const before = kept.get(key);
        const same = before && !before.fromPage && before.link === link && before.visibility === visibility && sameFlag(before.flag, flag) && sameReplies(before.replies, thread);
        const current = same ? before : view(link, visibility, flag, thread);
        next.set(key, current);
        all.push(current);
      }
    }
    previous.current = { views: next, names, instructorIds };
    return all.sort((a, b) => a.link.created - b.link.created);
    // (`versions` stands for the rooms: a new room object each render, a new version on each change.)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `versions` stands for the rooms
  }, [versions, names, instructorIds, isInstructor, me.id, firstPaint]);

  const latest = useRef(rooms);
  latest.current = rooms;
  const docOf = (visibility: LinkVisibility) => latest.current.find(([v]) => v === visibility)?.[1]?.doc ?? null;
  return {
    views,
    classRoom,
    create(link, visibility) {
      const doc = docOf(visibility);
      if (doc) addLink(doc, me.id, linkEntry(link));
      return doc !== null;
    },
    remove(view) {
      const doc = docOf(view.visibility);
      if (doc) deleteLink(doc, me.id, view.link.id);
    },
    update(view, change) {
      const doc = docOf(view.visibility);
      if (doc) updateLink(doc, me.id, view.link.id, change);
    },
    reattachEnd(view, index, end) {
      const doc = docOf(view.visibility);
      if (!doc) return;
      // Its author moves the end itself; an instructor leaves the new passage beside a class link, under `mod`.
      if (view.link.authorId === me.id) reattachLinkEnd(doc, me.id, view.link.id, index, end);
      else if (isInstructor && view.visibility === 'class') setLinkEndOverride(doc, { authorId: view.link.authorId, linkId: view.link.id, index, end, by: me.id });
    },
    setHidden(view, hidden, reason) {
      const doc = docOf('class');
      if (doc) setLinkHidden(doc, { authorId: view.link.authorId, linkId: view.link.id, hidden, reason, by: me.id });
    },
    reply(view, body) {
      const doc = docOf('class');
      if (doc) addLinkReply(doc, me.id, { id: crypto.randomUUID(), link: { authorId: view.link.authorId, id: view.link.id }, body });
      return doc !== null;
    },
    changeReply(reply, change) {
      const doc = docOf('class');
      if (doc) updateLinkReply(doc, me.id, reply.reply.id, change);
    },
    setReplyHidden(reply, hidden, reason) {
      const doc = docOf('class');
      // (A reply's flag is keyed as a link's: "<author>:<id>".)
      if (doc) setLinkHidden(doc, { authorId: reply.reply.authorId, linkId: reply.reply.id, hidden, reason, by: me.id });
    },
  };
}

const sameFlag = (a: ModFlag | null, b: ModFlag | null) => a?.hidden === b?.hidden && a?.reason === b?.reason;

const sameReplies = (a: readonly LinkReplyView[], b: readonly LinkReplyView[]) =>
  a.length === b.length && a.every((r, i) => r.reply === b[i]!.reply && sameFlag(r.flag, b[i]!.flag));
