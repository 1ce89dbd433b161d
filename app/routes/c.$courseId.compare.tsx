import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import type { ShouldRevalidateFunction } from '@remix-run/react';
import { useLoaderData } from '@remix-run/react';
import { listCourseCases } from '../../db/queries/cases';
import { linkRelations } from '../../db/queries/courses';
import { listCourseDocuments } from '../../db/queries/documents';
import { CompareView } from '~/components/compare/compare-view';
import { SourcePairPicker, suggestedPair } from '~/components/compare/source-pair-picker';
import { RouteError } from '~/components/route-error';
import { requireCourseRole } from '~/lib/auth.server';
import { isUuid } from '~/lib/rooms/ids';
import { openSource, readersOfCourse } from '~/lib/sources/open-source.server';

const NOT_IN_COURSE = 'This course has no such source.';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const courseId = membership.course.id;
  const isInstructor = membership.role === 'instructor';
  const url = new URL(request.url);
  const asked = { left: url.searchParams.get('left'), right: url.searchParams.get('right') };
  const [documents, cases] = await Promise.all([listCourseDocuments(courseId), listCourseCases(courseId)]);
  const sources = documents.map((d) => ({ id: d.id, title: d.title, caseId: d.caseId }));
  const base = { courseId, sources, cases, me: { id: user.id, name: user.displayName }, isInstructor };
  // Nothing (or one side) chosen yet: the page asks for the pair.
  if (!asked.left || !asked.right) return { ...base, sides: null, problem: null, asked };
  if (!isUuid(asked.left) || !isUuid(asked.right)) throw new Response(NOT_IN_COURSE, { status: 404 });
  if (asked.left === asked.right) return { ...base, sides: null, problem: 'Choose two different sources to read side by side.', asked };
  const viewer = { id: user.id, isInstructor };
  const [left, right, readers, relations] = await Promise.all([
    openSource({ courseId, documentId: asked.left, viewer }),
    openSource({ courseId, documentId: asked.right, viewer }),
    readersOfCourse(courseId),
    linkRelations(courseId),
  ]);
  if (!left || !right) throw new Response(NOT_IN_COURSE, { status: 404 });
  const side = (s: NonNullable<typeof left>) => ({
    document: { id: s.document.id, title: s.document.title, caseId: s.document.caseId, version: s.document.version, versions: s.document.versions },
    text: s.text,
    blocks: s.blocks,
    firstPaint: s.firstPaint,
  });
  return { ...base, ...readers, relations, sides: { left: side(left), right: side(right) }, problem: null, asked };
}

/** As in the single reader: the page's small actions (the bell) do not load both texts again. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) =>
  formMethod && formMethod !== 'GET' ? currentUrl.href !== nextUrl.href : defaultShouldRevalidate;

export default function Compare() {
  const data = useLoaderData<typeof loader>();
  if (data.sides) {
    return (
      // A new pair is a new view: fresh scroll positions, the fragment's places applied to the new sources.
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
      />
    );
  }
  const suggested = suggestedPair(data.sources);
  return (
    <div className="narrow card-page">
      <h1>Read two sources side by side</h1>
      {data.sources.length < 2 ? (
        <p className="empty">This course needs at least two sources to compare; it has {data.sources.length === 0 ? 'none' : 'one'} yet.</p>
      ) : (
        <>
          <p>Each side scrolls by itself, with the class’s notes and who is reading, live. Choose the two sources:</p>
          {data.problem ? (
            <p className="form-error" role="alert">
              {data.problem}
            </p>
          ) : null}
          <SourcePairPicker courseId={data.courseId} sources={data.sources} cases={data.cases} left={data.asked.left ?? suggested.left} right={data.asked.right ?? suggested.right} />
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.sides ? `${data.sides.left.document.title} beside ${data.sides.right.document.title} · Plenum` : 'Compare sources · Plenum' },
];

export function ErrorBoundary() {
  return <RouteError what="this comparison" />;
}
