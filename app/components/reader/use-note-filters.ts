/** The margin's filters and sort, and the notes they leave: on the whole source, orphaned, anchored. */
import { useMemo, useState } from 'react';
import { isPlaced } from '~/lib/anchoring/reanchor';
import type { NoteView } from '~/lib/notes/views';
import type { Visibility } from '~/lib/notes/visibility';
import type { Mark } from './highlights';

/**
 * Whether every word is in the note's text, tags, author or quote, or a reply's text (what the reader
 * may see of it: a hidden note's text is searched only for its author and the instructors).
 */
function matchesWords(view: NoteView, words: string[], isInstructor: boolean, me: string): boolean {
  const readable = (v: NoteView) => !v.note.deleted && (!v.flag?.hidden || isInstructor || v.note.authorId === me);
  const parts = [view.authorName];
  if (readable(view)) parts.push(view.note.body, view.note.tags.join(' '), view.note.selectors?.quote.exact ?? '');
  for (const reply of view.replies) if (readable(reply)) parts.push(reply.note.body, reply.authorName);
  const haystack = parts.join('\n').toLocaleLowerCase();
  return words.every((w) => haystack.includes(w));
}

export type NoteSort = 'position' | 'time';

export function useNoteFilters(views: NoteView[], viewer: { id: string; isInstructor: boolean }) {
  const { id: me, isInstructor } = viewer;
  const [tag, setTag] = useState('');
  const [author, setAuthor] = useState('');
  const [visibility, setVisibility] = useState<'' | Visibility>('');
  const [text, setText] = useState('');
  const [sort, setSort] = useState<NoteSort>('position');
  // (A hidden note's tags are offered only to those who may read it.)
  const tags = useMemo(
    () => [...new Set(views.flatMap((v) => (!v.flag?.hidden || isInstructor || v.note.authorId === me ? v.note.tags : [])))].sort(),
    [views, isInstructor, me],
  );
  const authors = useMemo(() => [...new Map(views.map((v) => [v.note.authorId, v.authorName]))].sort((a, b) => a[1].localeCompare(b[1])), [views]);
  // (Kept across renders for selections, focus, presence and placement: a thousand notes filtered and sorted.)
  const shown = useMemo(() => {
    const words = text.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
    const list = views
      .filter((v) => (!tag || (v.note.tags.includes(tag) && (!v.flag?.hidden || isInstructor || v.note.authorId === me))) && (!author || v.note.authorId === author) && (!visibility || v.visibility === visibility))
      .filter((v) => words.length === 0 || matchesWords(v, words, isInstructor, me))
      .sort((a, b) => (sort === 'time' ? b.note.createdAt - a.note.createdAt : (a.anchor?.start ?? -1) - (b.anchor?.start ?? -1)));
    const anchored = list.filter((v) => isPlaced(v.anchor));
    const pageNotes = list.filter((v) => v.anchor === null);
    // Not placed: not found at all, or found only where the words recur in another context (to be checked).
    const orphans = list.filter((v) => v.anchor?.status === 'orphan');
    const toReview = list.filter((v) => v.anchor?.status === 'review');
    return {
      pageNotes,
      orphans,
      toReview,
      anchored,
      marks: anchored.map((v): Mark => ({ start: v.anchor!.start, end: v.anchor!.end, key: v.key, visibility: v.visibility })),
      anchoredKeys: anchored.map((v) => v.key).join(' '),
      matches: [...pageNotes, ...orphans, ...toReview, ...anchored],
    };
  }, [views, tag, author, visibility, text, sort, isInstructor, me]);
  const filtering = Boolean(tag || author || visibility || text.trim());
  const clear = () => {
    setTag('');
    setAuthor('');
    setVisibility('');
    setText('');
  };
  return {
    values: { tag, author, visibility, text, sort },
    set: { tag: setTag, author: setAuthor, visibility: setVisibility, text: setText, sort: setSort },
    tags,
    authors,
    filtering,
    clear,
    ...shown,
  };
}

export type NoteFilters = ReturnType<typeof useNoteFilters>;
