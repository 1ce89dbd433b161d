/** What a reader does to its rooms' notes: write one, reply, edit, delete, hide; and the links a card offers. */
import { useMemo, useRef } from 'react';
import { describePassage } from '~/lib/anchoring/selectors';
import { excerpt, newThreadAbout } from '~/lib/board/links';
import { addNote, deleteNote, entryKey, reattachNote, setAnchorOverride, setHidden, updateNote } from '~/lib/notes/model';
import type { LiveRoom } from '~/lib/notes/use-room';
import type { NoteDraft, NoteView } from '~/lib/notes/views';
import type { Visibility } from '~/lib/notes/visibility';
import type { NoteActions } from '~/components/notes/note-card';

export interface NoteActionsInput {
  courseId: string;
  documentId: string;
  documentVersion: number;
  text: string;
  me: { id: string };
  roomFor(visibility: Visibility): LiveRoom | null;
  setFocused(key: string): void;
  /** The passage the note being written is on (null: the whole source). */
  passage: { start: number; end: number } | null;
  /** Called once a new note is written: the editor and the selection go. */
  done(): void;
  /** Cites a class note (its passage where it is now) in the matrix; none: cards do not offer it. */
  onAddNoteToMatrix?(note: { authorId: string; id: string; passage: { start: number; end: number } }): void;
  /** Starts (or ends) an evidence link at a note's passage where it is now; none: cards do not offer it. */
  onLinkNote?(passage: { start: number; end: number }): void;
  /** Spotlights a class note for a seminar (its room, key and passage where it is now); none: cards do not offer it. */
  onSpotlightNote?(note: { room: string; key: string; passage: { start: number; end: number } }): void;
}

export function useNoteActions({ courseId, documentId, documentVersion, text, me, roomFor, setFocused, passage, done, onAddNoteToMatrix, onLinkNote, onSpotlightNote }: NoteActionsInput) {
  const citeInMatrix = useRef(onAddNoteToMatrix);
  citeInMatrix.current = onAddNoteToMatrix;
  const linkNote = useRef(onLinkNote);
  linkNote.current = onLinkNote;
  const spotlightNote = useRef(onSpotlightNote);
  spotlightNote.current = onSpotlightNote;
  // Whether cards offer it, which changes when the member starts or stops leading a seminar (unlike the rest).
  const spotlights = onSpotlightNote !== undefined;
  // One actions object for the component's life (but for a seminar's leader starting or stopping), so memoised cards do not re-render for it.
  const actions: NoteActions = useMemo(() => ({
    reply(parent, body) {
      const room = roomFor(parent.visibility);
      if (!room) return;
      addNote(room.doc, me.id, {
        id: crypto.randomUUID(),
        kind: 'reply',
        parentId: parent.note.id,
        parentAuthorId: parent.note.authorId,
        body,
        tags: [],
        selectors: null,
        documentVersion,
        createdAt: Date.now(),
        updatedAt: Date.now(),
        deleted: false,
      });
    },
    edit(view, change) {
      const room = roomFor(view.visibility);
      if (room) updateNote(room.doc, me.id, view.note.id, change);
    },
    reattach(view, to) {
      const room = roomFor(view.visibility);
      if (!room) return;
      const selectors = describePassage(text, to.start, to.end);
      // Its author rewrites their own note; an instructor leaves the new passage beside it, under `mod`.
      if (view.note.authorId === me.id) reattachNote(room.doc, me.id, view.note.id, { selectors, documentVersion });
      else setAnchorOverride(room.doc, { authorId: view.note.authorId, noteId: view.note.id, selectors, documentVersion, by: me.id });
    },
    remove(view) {
      const room = roomFor(view.visibility);
      if (room) deleteNote(room.doc, me.id, view.note.id);
    },
    setHidden(view, hidden, reason) {
      const room = roomFor(view.visibility);
      if (room) setHidden(room.doc, { authorId: view.note.authorId, noteId: view.note.id, hidden, reason, by: me.id });
    },
    focus(key) {
      setFocused(key);
    },
    permalink(view) {
      return `/c/${courseId}/d/${documentId}?note=${encodeURIComponent(view.key)}`;
    },
    discuss(view) {
      const quote = view.note.selectors ? ` on “${excerpt(view.note.selectors.quote.exact)}”` : '';
      return newThreadAbout(courseId, this.permalink(view), `${view.authorName}’s note${quote}`);
    },
    ...(onAddNoteToMatrix
      ? {
          addToMatrix(view: NoteView) {
            if (view.anchor) citeInMatrix.current?.({ authorId: view.note.authorId, id: view.note.id, passage: view.anchor });
          },
        }
      : {}),
    ...(onLinkNote
      ? {
          link(view: NoteView) {
            if (view.anchor) linkNote.current?.(view.anchor);
          },
        }
      : {}),
    ...(spotlights
      ? {
          spotlight(view: NoteView) {
            const room = roomFor(view.visibility);
            if (view.anchor && room) spotlightNote.current?.({ room: room.name, key: view.key, passage: view.anchor });
          },
        }
      : {}),
    // (Made once, and again only when spotlighting starts or stops: what it reads is current through roomFor and the state setters.)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- made once, reading current rooms through roomFor
  }), [spotlights]);

  const create = (draft: NoteDraft) => {
    const room = roomFor(draft.visibility);
    if (!room) return;
    const id = crypto.randomUUID();
    addNote(room.doc, me.id, {
      id,
      kind: 'note',
      parentId: null,
      parentAuthorId: null,
      body: draft.body,
      tags: draft.tags,
      selectors: passage ? describePassage(text, passage.start, passage.end) : null,
      documentVersion,
      createdAt: Date.now(),
      updatedAt: Date.now(),
      deleted: false,
    });
    done();
    setFocused(entryKey(me.id, id));
  };

  return { actions, create };
}
