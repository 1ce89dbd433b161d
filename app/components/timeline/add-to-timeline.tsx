/**
 * "Add to timeline…" on a selected passage (the reader): the dialog that writes the event into the compare
 * room, with the passage's source's case as its lane at first. Returns the dialog to render and the function
 * that opens it.
 */
import { useState } from 'react';
import type { CourseCase } from '~/lib/cases';
import { formatEventDate } from '~/lib/compare/event-dates';
import { linkedBlock, type LinkEnd } from '~/lib/compare/links';
import { EventDialog } from './event-dialog';
import type { Timeline } from './use-timeline';

export function useAddToTimeline(input: {
  timeline: Timeline;
  cases: readonly CourseCase[];
  sources: readonly { id: string; title: string; caseId: string | null }[];
  people: readonly { id: string; name: string; caseId: string | null }[];
}) {
  const { timeline, cases, sources, people } = input;
  const [passage, setPassage] = useState<LinkEnd | null>(null);
  const [notice, setNotice] = useState('');
  const source = passage ? sources.find((s) => s.id === passage.source) : undefined;
  const dialog = passage ? (
    <EventDialog
      passage={{ title: source?.title ?? 'Source', block: linkedBlock(passage), quote: passage.selector[1].exact }}
      cases={cases}
      people={people}
      caseId={source?.caseId ?? null}
      ready={timeline.live}
      onCancel={() => setPassage(null)}
      onSave={(fields) => {
        const refusal = timeline.add({ label: fields.label, when: fields.when, caseId: fields.caseId, people: fields.people, target: [passage] });
        if (!refusal) {
          setPassage(null);
          setNotice(`Added to the timeline: ${formatEventDate(fields.when)}, ${fields.label}.`);
        }
        return refusal;
      }}
    />
  ) : null;
  return {
    open: setPassage,
    notice,
    dialog: (
      <>
        {dialog}
        <p className="visually-hidden" role="status">
          {notice}
        </p>
      </>
    ),
  };
}
