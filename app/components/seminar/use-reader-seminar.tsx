/**
 * A reader page's part in seminar mode, in one place, for the single reader (one side) or the compare view
 * (two): "Start seminar" for an instructor while none runs, and, while the member takes part in one on these
 * sources, the seminar bar and the leader's spotlight actions for each side's selection, note cards and link
 * badges.
 */
import type { LinkView } from '~/components/compare/use-course-links';
import type { SpotlightTarget } from '~/lib/seminar/model';
import { SeminarBar, StartSeminarButton } from './seminar-bar';
import { useSeminarContext } from './use-live-seminar';
import { useSeminar, type SeminarSide } from './use-seminar';

type Passage = { start: number; end: number };

export function useReaderSeminar(props: { courseId: string; me: { id: string }; isInstructor: boolean; sides: (SeminarSide & { archived?: boolean })[] }) {
  const { courseId, sides } = props;
  const live = useSeminarContext();
  const ids = sides.map((s) => s.source.id);
  // This reader takes part when the seminar is on exactly these sources and the member joined (or leads).
  const here = live && [live.documentId, ...(live.compareWith ? [live.compareWith] : [])].sort().join() === [...ids].sort().join();
  const seminar = live && here && (live.joined || live.leading) ? live : null;
  const reader = useSeminar({ courseId, seminar, me: props.me, sides });
  const spotlight = reader?.leading
    ? (target: SpotlightTarget) => {
        reader.setSpotlight(target);
        window.getSelection()?.removeAllRanges(); // (the selection would hide the spotlight's mark)
      }
    : null;
  /** The spotlight actions of side `i`'s reader (none: it is not the leader's). */
  const spotlightsFor = (i: number) => {
    const source = sides[i]!.source;
    const passage = (p: Passage) => ({ documentId: source.id, version: source.version, ...p, quote: source.text.slice(p.start, p.end) });
    return {
      onSpotlight: spotlight ? (p: Passage) => spotlight({ type: 'passage', ...passage(p) }) : undefined,
      onSpotlightNote: spotlight ? (note: { room: string; key: string; passage: Passage }) => spotlight({ type: 'note', ...passage(note.passage), room: note.room, key: note.key }) : undefined,
    };
  };
  /** The leader spotlights a class link: both its passages, marked wherever they are shown. */
  const spotlightLink = spotlight
    ? (view: LinkView) => {
        const ends = view.link.target.map((end) => ({ documentId: end.source, version: end.version, start: end.selector[0].start, end: end.selector[0].end, quote: end.selector[1].exact.slice(0, 2000) }));
        spotlight({ type: 'link', key: view.key, quote: `${ends[0]!.quote} ↔ ${ends[1]?.quote ?? ''}`.slice(0, 2000), ends });
      }
    : undefined;
  return {
    spotlightLink,
    startButton:
      props.isInstructor && !live && !sides.some((s) => s.archived) ? <StartSeminarButton courseId={courseId} documentId={ids[0]!} compareWith={ids[1]} /> : null,
    bar: seminar && reader ? <SeminarBar courseId={courseId} seminar={seminar} reader={reader} isInstructor={props.isInstructor} /> : null,
    spotlightsFor,
  };
}
