/** What the reader's margin and editor hold of a note, beside the note as stored (model.ts). */
import type { Anchor } from '~/lib/anchoring/reanchor';
import type { ModFlag, Note } from './model';
import type { Visibility } from './visibility';

export type { Visibility };

/** A note being written: what the editor hands back. */
export interface NoteDraft {
  body: string;
  tags: string[];
  visibility: Visibility;
}

/** A note as a card shows it: with its author's name, moderation, current anchor and replies. */
export interface NoteView {
  /** "<authorId>:<noteId>" */
  key: string;
  note: Note;
  visibility: Visibility;
  authorName: string;
  /** Written by one of the course's instructors (marked on the card). */
  byInstructor: boolean;
  flag: ModFlag | null;
  /** Where its passage is now; null for a page-level note or a reply. */
  anchor: Anchor | null;
  replies: NoteView[];
  /**
   * Set while the card shows the server's first paint (app/lib/notes/first-paint.ts), until its room
   * arrives: replies are only counted, the text may not be there yet, and nothing can be changed.
   */
  preview?: { replies: number; loaded: boolean };
}
