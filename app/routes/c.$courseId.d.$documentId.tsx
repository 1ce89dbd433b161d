import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import type { ShouldRevalidateFunction } from '@remix-run/react';
import { Link, useLoaderData } from '@remix-run/react';
import { useRef } from 'react';
import { isUuid } from '~/lib/rooms/ids';
import { getAssignment } from '../../db/queries/assignments';
import { formatFocus } from '~/lib/assignments/editing.server';
import { sourceHeat } from '~/lib/assignments/heat.server';
import { openSource, readersOfCourse } from '~/lib/sources/open-source.server';
import { listCourseDocuments } from '../../db/queries/documents';
import { parseCitation } from '~/lib/sources/citation';
import { citationTarget, followCitation } from '~/lib/sources/cited-block.server';
import { OpenBeside } from '~/components/compare/open-beside';
import { anchorOfEnd, blockAtOffset } from '~/lib/compare/link-anchors';
import { useAddToMatrix } from '~/components/compare/add-to-matrix';
import { useCourseLinks } from '~/components/compare/use-course-links';
import { useLinkThread } from '~/components/compare/link-thread';
import { evidenceAt, MatrixDropStrip, useEvidenceDrag } from '~/components/compare/matrix-drop';
import { useMatrix } from '~/components/compare/use-matrix';
import { endOfPassage, farEndBlocks, linkedBlock, type LinkEnd } from '~/lib/compare/links';
import { linksFirstPaint } from '~/lib/compare/links-first-paint.server';
import { AnnotatedReader, ReaderSkipLinks } from '~/components/reader/annotated-reader';
import { requireCourseRole } from '~/lib/auth.server';
import { caseLabel } from '~/lib/cases';
import { listCourseCases } from '../../db/queries/cases';
import { linkRelations } from '../../db/queries/courses';
import { peopleSpellings } from '../../db/queries/people';
import { PeopleMarks } from '~/components/reader/people-marks';
import { PeerGateNotice } from '~/components/compare/peer-gate-notice';
import { useAddToTimeline } from '~/components/timeline/add-to-timeline';
import { EventsHere } from '~/components/timeline/events-here';
import { useTimeline } from '~/components/timeline/use-timeline';
import { timelineFirstPaint } from '~/lib/compare/timeline-first-paint.server';
import { peerView } from '~/lib/compare/peer-gate.server';
import { formatSourceDate } from '~/lib/format';
import { RouteError } from '~/components/route-error';
import { CitedNotice, SourceVersions } from '~/components/sources/source-versions';
import { ArchiveButton, ArchiveNotice } from '~/components/sources/archive-source';
import { useSuggestCorrection } from '~/components/sources/suggest-correction';
import { useReaderSeminar } from '~/components/seminar/use-reader-seminar';
import { correctionCounts } from '../../db/queries/corrections';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const url = new URL(request.url);
  const requested = url.searchParams.get('v');
  const version = requested && /^\d{1,6}$/.test(requested) ? Number(requested) : undefined;
  const documentId = params.documentId && isUuid(params.documentId) && (requested === null || version !== undefined) ? params.documentId : null;
  if (!documentId) throw new Response('This course has no such source (or no such version of it).', { status: 404 });
  const isInstructor = membership.role === 'instructor';
  // A citation of ¶ N as an older version numbered it: redirected, before anything else is read, to where that text is now.
  const at = parseCitation(url.searchParams.get('at'));
  if (at) {
    const newest = (await listCourseDocuments(membership.course.id, { archived: true })).find((d) => d.id === documentId)?.version;
    if (newest && at.version <= newest) throw redirect(citationTarget(`/c/${membership.course.id}/d/${documentId}`, await followCitation(documentId, at), newest));
  }
  const assignmentId = url.searchParams.get('assignment') ?? '';
  // What a closed peer gate keeps from a student (classmates' notes here, their links and events).
  const peers = await peerView(membership.course.id, user.id, membership.role);
  const [found, readers, assignment, sources, cases, links, relations, people, timeline, corrections] = await Promise.all([
    openSource({ courseId: membership.course.id, documentId, version, viewer: { id: user.id, isInstructor }, linkedNote: url.searchParams.get('note'), peers }),
    readersOfCourse(membership.course.id),
    // Opened from an assignment: its focus passages are marked, and the way back is shown.
    isUuid(assignmentId) ? getAssignment(membership.course.id, assignmentId, { includeDrafts: isInstructor }) : null,
    // For "Open beside…".
    listCourseDocuments(membership.course.id),
    listCourseCases(membership.course.id),
    // The links on this source, painted with the notes (with the ¶ of their far ends, for their badges).
    linksFirstPaint({ courseId: membership.course.id, documentIds: [documentId], viewer: { id: user.id, isInstructor }, peers }),
    linkRelations(membership.course.id),
    // For the People toggle: everyone in the people index and their spellings.
    peopleSpellings(membership.course.id),
    // The timeline's events made from this source's passages, for the margin.
    timelineFirstPaint({ courseId: membership.course.id, viewer: { id: user.id, isInstructor }, documentId, peers }),
    // For the header's way to the suggested corrections.
    correctionCounts(membership.course.id, documentId, user.id),
  ]);
  if (!found) throw new Response('This course has no such source (or no such version of it).', { status: 404 });
  const newest = Math.max(...found.document.versions);
  const citedParam = parseCitation(url.searchParams.get('cited'));
  const cited = citedParam && citedParam.version <= newest ? await followCitation(found.document.id, citedParam) : null;
  const focusBlocks = new Set(assignment?.documents.find((d) => d.documentId === found.document.id)?.focusBlocks ?? []);
  // Instructors can see where the class's notes fall since the assignment opened: a heat strip beside the text.
  const heat = assignment && isInstructor && url.searchParams.has('heat') ? await sourceHeat({ courseId: membership.course.id, documentId: found.document.id, since: assignment.opensAt }) : null;
  const heatOf = new Map(heat?.blocks.map((b) => [b.number, { notes: b.notes, level: b.level }]));
  const blocks = found.blocks.map((b) => ({ ...b, ...(focusBlocks.has(b.number) ? { focus: true } : {}), ...(heat ? { heat: heatOf.get(b.number) } : {}) }));
  return {
    assignment: assignment && { id: assignment.id, title: assignment.title, focus: formatFocus([...focusBlocks].sort((a, b) => a - b)), heat: heat !== null },
    course: { id: membership.course.id, title: membership.course.title },
    me: { id: user.id, name: user.displayName },
    isInstructor,
    ...readers,
    ...found,
    sources: sources.map((d) => ({ id: d.id, title: d.title, caseId: d.caseId })),
    cases,
    linkBlocks: farEndBlocks(links, documentId),
    links,
    relations,
    blocks,
    people,
    timeline: timeline.events,
    peerGates: peers.documents.has(documentId) ? peers.gates : [],
    corrections,
    cited,
  };
}

/**
 * The text and its blocks do not change with the page's small actions (the bell marking a notification
 * read): after an action, only a different URL loads the document again.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) =>
  formMethod && formMethod !== 'GET' ? currentUrl.href !== nextUrl.href : defaultShouldRevalidate;

export default function Reader() {
  const { course, document: doc, text, blocks, me, isInstructor, names, instructorIds, assignment, firstPaint, sources, cases, linkBlocks, links: paintedLinks, relations, people, timeline: paintedEvents, peerGates, corrections, cited } = useLoaderData<typeof loader>();
  const links = useCourseLinks({ courseId: course.id, me, isInstructor, names, instructorIds, firstPaint: paintedLinks });
  const matrix = useMatrix({ room: links.classRoom, me, isInstructor, names, rowsOnly: true });
  const addToMatrix = useAddToMatrix({ matrix, cases, sources });
  const timeline = useTimeline({ room: links.classRoom, me, isInstructor, names, firstPaint: paintedEvents });
  const addToTimeline = useAddToTimeline({ timeline, cases, sources, people });
  const suggest = useSuggestCorrection({ courseId: course.id, documentId: doc.id, version: doc.version, text });
  const passageEnd = (passage: { start: number; end: number }) => endOfPassage({ id: doc.id, version: doc.version, text }, passage, blockAtOffset(blocks, passage.start)?.number);
  const eventsHere = timeline.events.filter((v) => v.event.target[0].source === doc.id);
  const describe = (end: LinkEnd) => ({
    title: sources.find((s) => s.id === end.source)?.title ?? 'another source',
    block:
      end.source === doc.id
        ? (blockAtOffset(blocks, anchorOfEnd(text, doc.version, end)?.start ?? -1)?.number ?? null)
        : (linkBlocks[`${end.source}:${end.selector[0].start}`] ?? linkedBlock(end)),
  });
  const thread = useLinkThread({ courseId: course.id, links, me: me.id, isInstructor, describe });
  const page = useRef<HTMLDivElement>(null);
  const dragged = useEvidenceDrag(page, (target) => evidenceAt(target, links.views, page.current ? { root: page.current, source: { id: doc.id, version: doc.version, text }, blocks } : null));
  const warnOcr = /\bOCR\b/i.test(doc.textNote);
  const seminar = useReaderSeminar({ courseId: course.id, me, isInstructor, sides: [{ source: { id: doc.id, version: doc.version, text }, root: page, archived: doc.archived }] });
  return (
    <div className="reader-page" ref={page}>
      <ReaderSkipLinks />
      <header className="provenance">
        <p className="crumbs">
          <Link to={`/c/${course.id}`}>Sources</Link> · {caseLabel(cases, doc.caseId)}
        </p>
        <h1>{doc.title}</h1>
        <dl className="source-facts">
          <div>
            <dt>Kind</dt>
            <dd>{doc.kind === 'primary' ? 'Primary source' : 'Secondary literature'}</dd>
          </div>
          {doc.genre ? (
            <div>
              <dt>Genre</dt>
              <dd>{doc.genre}</dd>
            </div>
          ) : null}
          <div>
            <dt>Date</dt>
            <dd>{formatSourceDate(doc.date)}</dd>
          </div>
          {doc.origin ? (
            <div className="wide">
              <dt>Origin</dt>
              <dd>{doc.origin}</dd>
            </div>
          ) : null}
        </dl>
        {doc.textNote ? (
          <p className={warnOcr ? 'text-note warning' : 'text-note'} role="note">
            <strong>{warnOcr ? 'OCR text: ' : 'About this text: '}</strong>
            {doc.textNote}
          </p>
        ) : null}
        <SourceVersions courseId={course.id} documentId={doc.id} version={doc.version} versions={doc.versions} isInstructor={isInstructor}>
          {isInstructor || corrections.mine > 0 ? (
            <Link to={`/c/${course.id}/d/${doc.id}/corrections`}>
              {isInstructor ? `Suggested corrections${corrections.waiting > 0 ? ` (${corrections.waiting} waiting)` : ''}` : `Your suggested corrections (${corrections.mine})`}
            </Link>
          ) : null}
          <Link to={`/c/${course.id}/export?source=${doc.id}`}>Export notes…</Link>
          <Link to={`/c/${course.id}/d/${doc.id}/import`}>Import notes…</Link>
          {isInstructor && !doc.archived ? <ArchiveButton courseId={course.id} documentId={doc.id} title={doc.title} /> : null}
        </SourceVersions>
        {suggest.notice}
        <CitedNotice cited={cited} />
        <ArchiveNotice courseId={course.id} documentId={doc.id} archived={doc.archived} isInstructor={isInstructor} />
        <div className="reader-tools">
          <OpenBeside courseId={course.id} documentId={doc.id} sources={sources} cases={cases} />
          <PeopleMarks courseId={course.id} text={text} people={people} />
          {seminar.startButton}
        </div>
        <PeerGateNotice courseId={course.id} gates={peerGates} />
        {assignment ? (
          <p className="assignment-banner" role="note">
            For <Link to={`/c/${course.id}/assignments/${assignment.id}`}>{assignment.title}</Link>
            {assignment.focus ? <> · focus passages ¶ {assignment.focus}, marked in the margin of the text</> : null}
            {assignment.heat ? <> · the ¶ numbers are shaded by how many of the class’s notes fall there</> : null}
          </p>
        ) : null}
      </header>
      <AnnotatedReader
        skipLinksAbove
        key={`${doc.id}:${doc.version}`}
        courseId={course.id}
        documentId={doc.id}
        documentVersion={doc.version}
        text={text}
        blocks={blocks}
        me={me}
        isInstructor={isInstructor}
        names={names}
        instructorIds={instructorIds}
        firstPaint={firstPaint}
        links={{
          links: links.views,
          actions: {
            me: me.id,
            isInstructor,
            remove: links.remove,
            setHidden: links.setHidden,
            reattachEnd: links.reattachEnd,
            update: links.update,
            relations,
            addToMatrix: (view) => addToMatrix.open({ kind: 'link', authorId: view.link.authorId, id: view.link.id, target: view.link.target }),
            discuss: thread.open,
            spotlight: seminar.spotlightLink,
          },
          describe,
          hrefFor: (view, mine, here) => {
            const far = view.link.target[mine === 0 ? 1 : 0];
            return `/c/${course.id}/compare?left=${doc.id}&right=${far.source}#left-b${here.number},right-o${far.selector[0].start}`;
          },
        }}
        onAddToMatrix={(passage) => addToMatrix.open({ kind: 'passage', target: [passageEnd(passage)] })}
        onAddNoteToMatrix={({ authorId, id, passage }) => addToMatrix.open({ kind: 'note', authorId, id, target: [passageEnd(passage)] })}
        onAddToTimeline={(passage) => addToTimeline.open(passageEnd(passage))}
        onSuggestCorrection={suggest.open}
        {...seminar.spotlightsFor(0)}
        marginExtra={(startReattaching) => (
          <EventsHere
            courseId={course.id}
            events={eventsHere}
            blockOf={(view) => {
              const anchor = anchorOfEnd(text, doc.version, view.event.target[0]);
              return anchor ? (blockAtOffset(blocks, anchor.start)?.number ?? null) : null;
            }}
            me={me.id}
            onReattach={(view) =>
              startReattaching({ quote: view.event.target[0].selector[1].exact, what: 'your timeline event', attach: (passage) => timeline.reattach(view, passageEnd(passage)) })
            }
          />
        )}
      />
      {addToMatrix.dialog}
      {addToTimeline.dialog}
      {suggest.dialog}
      {thread.dialog}
      <MatrixDropStrip evidence={dragged} matrix={matrix} cases={cases} onDrop={addToMatrix.open} />
      {seminar.bar}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.document.title} · Plenum` : 'Source · Plenum' }];

export function ErrorBoundary() {
  return <RouteError what="this source" />;
}
