import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import type { ShouldRevalidateFunction } from '@remix-run/react';
import { useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { listCourseCases } from '../../db/queries/cases';
import { linkRelations } from '../../db/queries/courses';
import { listCourseDocuments } from '../../db/queries/documents';
import { CompareView } from '~/components/compare/compare-view';
import { ComparisonMatrix } from '~/components/compare/comparison-matrix';
import { SourcePairPicker, suggestedPair } from '~/components/compare/source-pair-picker';
import { useCourseLinks } from '~/components/compare/use-course-links';
import { useMatrix } from '~/components/compare/use-matrix';
import { RouteError } from '~/components/route-error';
import { requireCourseRole } from '~/lib/auth.server';
import { isUuid } from '~/lib/rooms/ids';
import { linksFirstPaint } from '~/lib/compare/links-first-paint.server';
import { matrixFirstPaint } from '~/lib/compare/matrix-first-paint.server';
import { openSource, readersOfCourse } from '~/lib/sources/open-source.server';
import { peerView } from '~/lib/compare/peer-gate.server';
import { PeerGateNotice } from '~/components/compare/peer-gate-notice';
import { peopleSpellings } from '../../db/queries/people';

const NOT_IN_COURSE = 'This course has no such source.';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const courseId = membership.course.id;
  const isInstructor = membership.role === 'instructor';
  const url = new URL(request.url);
  const asked = { left: url.searchParams.get('left'), right: url.searchParams.get('right') };
  const [documents, cases, readers, peers] = await Promise.all([listCourseDocuments(courseId), listCourseCases(courseId), readersOfCourse(courseId), peerView(courseId, user.id, membership.role)]);
  const sources = documents.map((d) => ({ id: d.id, title: d.title, caseId: d.caseId }));
  const base = { courseId, sources, cases, me: { id: user.id, name: user.displayName }, isInstructor, ...readers, peerGates: peers.gates };
  // Nothing (or one side) chosen yet: the page asks for the pair, and shows the class's matrix.
  const withMatrix = async (problem: string | null) => ({ ...base, sides: null, problem, asked, matrix: await matrixFirstPaint({ courseId, viewer: { id: user.id, isInstructor }, peers }) });
  if (!asked.left || !asked.right) return withMatrix(null);
  if (!isUuid(asked.left) || !isUuid(asked.right)) throw new Response(NOT_IN_COURSE, { status: 404 });
  if (asked.left === asked.right) return withMatrix('Choose two different sources to read side by side.');
  const viewer = { id: user.id, isInstructor };
  const [left, right, relations, links, people] = await Promise.all([
    openSource({ courseId, documentId: asked.left, viewer, peers }),
    openSource({ courseId, documentId: asked.right, viewer, peers }),
    linkRelations(courseId),
    linksFirstPaint({ courseId, documentIds: [asked.left, asked.right], viewer, peers }),
    peopleSpellings(courseId),
  ]);
  if (!left || !right) throw new Response(NOT_IN_COURSE, { status: 404 });
  const side = (s: NonNullable<typeof left>) => ({
    document: { id: s.document.id, title: s.document.title, caseId: s.document.caseId, version: s.document.version, versions: s.document.versions },
    text: s.text,
    blocks: s.blocks,
    firstPaint: s.firstPaint,
  });
  return { ...base, relations, links, people, sides: { left: side(left), right: side(right) }, problem: null, asked };
}

/** As in the single reader: the page's small actions (the bell) do not load both texts again. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) =>
  formMethod && formMethod !== 'GET' ? currentUrl.href !== nextUrl.href : defaultShouldRevalidate;

export default function Compare() {
  const data = useLoaderData<typeof loader>();
  if (data.sides) {
    return (
      <>
        <PeerGateNotice courseId={data.courseId} gates={data.peerGates} />
        {/* A new pair is a new view: fresh scroll positions, the fragment's places applied to the new sources. */}
        <CompareView
        key={`${data.sides.left.document.id}:${data.sides.right.document.id}`}
        courseId={data.courseId}
        sources={data.sources}
        cases={data.cases}
        relations={data.relations}
        sides={data.sides}
        me={data.me}
        isInstructor={data.isInstructor}
        names={data.names}
        instructorIds={data.instructorIds}
        firstPaintLinks={data.links}
          people={data.people}
        />
      </>
    );
  }
  return <CompareHome {...data} />;
}

/** The Compare tab without a pair: choose two sources to read side by side, and the class's matrix. */
function CompareHome(data: Exclude<ReturnType<typeof useLoaderData<typeof loader>>, { sides: object }>) {
  const links = useCourseLinks(data);
  const matrix = useMatrix({ room: links.classRoom, me: data.me, isInstructor: data.isInstructor, names: data.names, firstPaint: data.matrix });
  const titles = useMemo(() => Object.fromEntries(data.sources.map((s) => [s.id, s.title])), [data.sources]);
  const suggested = suggestedPair(data.sources);
  return (
    <div className="compare-home">
      <h1>Compare the cases</h1>
      <PeerGateNotice courseId={data.courseId} gates={data.peerGates} />
      <section className="pair-strip" aria-labelledby="pair-heading">
        <h2 id="pair-heading">Read two sources side by side</h2>
        {data.sources.length < 2 ? (
          <p className="empty">This course needs at least two sources to compare; it has {data.sources.length === 0 ? 'none' : 'one'} yet.</p>
        ) : (
          <>
            <p className="hint">Each side scrolls by itself, with the class’s notes and who is reading, live.</p>
            {data.problem ? (
              <p className="form-error" role="alert">
                {data.problem}
              </p>
            ) : null}
            <SourcePairPicker courseId={data.courseId} sources={data.sources} cases={data.cases} left={data.asked.left ?? suggested.left} right={data.asked.right ?? suggested.right} />
          </>
        )}
      </section>
      <section className="matrix-section" aria-labelledby="matrix-heading">
        <div className="section-head">
          <h2 id="matrix-heading">The class’s comparison matrix</h2>
          <p className="exports">
            Export: <a href={`/c/${data.courseId}/compare/export?format=csv`}>CSV</a> · <a href={`/c/${data.courseId}/compare/export?format=md`}>Markdown</a>
          </p>
        </div>
        <p className="hint">
          A row per theme, a column per case. Cite a passage (select it in a source, then <em>Add to matrix…</em>) or one of the class’s links (a cell’s <em>Add evidence…</em>) with a one-line claim.
        </p>
        <ComparisonMatrix courseId={data.courseId} cases={data.cases} titles={titles} matrix={matrix} links={links.views} linksReady={links.classRoom?.synced === true} me={data.me} isInstructor={data.isInstructor} />
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.sides ? `${data.sides.left.document.title} beside ${data.sides.right.document.title} · Plenum` : 'Compare sources · Plenum' },
];

export function ErrorBoundary() {
  return <RouteError what="this comparison" />;
}
