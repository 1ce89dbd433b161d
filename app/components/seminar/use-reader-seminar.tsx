/**
 * A reader page's part in seminar mode, in one place: "Start seminar" for an instructor while none runs,
 * and, while the member takes part in one on this source, the seminar bar and the leader's spotlight
 * actions for the reader's selection and note cards.
 */
import type { RefObject } from 'react';
import type { SpotlightTarget } from '~/lib/seminar/model';
import { SeminarBar, StartSeminarButton } from './seminar-bar';
import { useSeminarContext } from './use-live-seminar';
import { useSeminar } from './use-seminar';

type Passage = { start: number; end: number };

export function useReaderSeminar(props: {
  courseId: string;
  me: { id: string };
  source: { id: string; version: number; text: string; archived: boolean };
  isInstructor: boolean;
  root: RefObject<HTMLElement>;
}) {
  const { courseId, source } = props;
  const live = useSeminarContext();
  // This reader takes part when the seminar is on this source alone and the member joined (or leads).
  const seminar = live && live.documentId === source.id && !live.compareWith && (live.joined || live.leading) ? live : null;
  const reader = useSeminar({ courseId, seminar, me: props.me, source, root: props.root });
  const spotlight = reader?.leading
    ? (target: SpotlightTarget) => {
        reader.setSpotlight(target);
        window.getSelection()?.removeAllRanges(); // (the selection would hide the spotlight's mark)
      }
    : null;
  const passage = (p: Passage) => ({ documentId: source.id, version: source.version, ...p, quote: source.text.slice(p.start, p.end) });
  return {
    startButton: props.isInstructor && !live && !source.archived ? <StartSeminarButton courseId={courseId} documentId={source.id} /> : null,
    bar: seminar && reader ? <SeminarBar courseId={courseId} seminar={seminar} reader={reader} isInstructor={props.isInstructor} /> : null,
    onSpotlight: spotlight ? (p: Passage) => spotlight({ type: 'passage', ...passage(p) }) : undefined,
    onSpotlightNote: spotlight ? (note: { room: string; key: string; passage: Passage }) => spotlight({ type: 'note', ...passage(note.passage), room: note.room, key: note.key }) : undefined,
  };
}
