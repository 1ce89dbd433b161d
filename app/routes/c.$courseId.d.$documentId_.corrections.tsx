/**
 * A source's suggested corrections: members post theirs here (from the reader's selection) and see what
 * became of them; instructors see the queue, edit a suggestion before accepting it, accept several at
 * once as one new version, or reject one with a reason (docs/versions.md).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { anchorOf } from '~/lib/anchoring/reanchor';
import { requireCourseRole } from '~/lib/auth.server';
import { blockAtOffset } from '~/lib/compare/link-anchors';
import { isUuid } from '~/lib/rooms/ids';
import { acceptCorrections, rejectCorrection, suggestCorrection } from '~/lib/sources/corrections.server';
import { wordDiff } from '~/lib/sources/block-diff';
import { CorrectionQueue, OwnCorrections } from '~/components/sources/correction-queue';
import { RouteError } from '~/components/route-error';
import { listCorrections } from '../../db/queries/corrections';
import { getDocumentForReader, readInSeveralCourses } from '../../db/queries/documents';

async function load(request: Request, params: { courseId?: string; documentId?: string }) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const found = params.documentId && isUuid(params.documentId) ? await getDocumentForReader({ courseId: membership.course.id, documentId: params.documentId }) : null;
  if (!found) throw new Response('This course has no such source.', { status: 404 });
  return { user, course: membership.course, isInstructor: membership.role === 'instructor', found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, course, isInstructor, found } = await load(request, params);
  const list = await listCorrections(course.id, found.document.id, isInstructor ? {} : { proposerId: user.id });
  const { text, blocks, document: doc } = found;
  const corrections = list.map((c) => {
    // Where a waiting suggestion's passage is in the newest text (it may have been read in an older one).
    const anchor = c.status === 'pending' ? anchorOf(text, doc.version, { documentVersion: c.version, start: c.selectors.position.start, end: c.selectors.position.end, quote: c.quote }, c.selectors) : null;
    const placed = anchor && (anchor.status === 'exact' || anchor.status === 'moved');
    return {
      id: c.id,
      quote: c.quote,
      proposed: c.proposed,
      reason: c.reason,
      proposerName: c.proposerName,
      status: c.status,
      decisionReason: c.decisionReason,
      acceptedText: c.acceptedText,
      publishedVersion: c.publishedVersion,
      createdAt: c.createdAt.toISOString(),
      words: wordDiff(c.quote, c.acceptedText ?? c.proposed),
      block: placed ? (blockAtOffset(blocks, anchor.start)?.number ?? null) : null,
      stale: c.status === 'pending' && !placed,
    };
  });
  const shared = isInstructor && (await readInSeveralCourses(doc.id));
  return { course: { id: course.id }, document: { id: doc.id, title: doc.title, version: doc.version }, isInstructor, corrections, shared };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course, isInstructor, found } = await load(request, params);
  const form = await request.formData();
  const intent = form.get('intent');
  const base = { courseId: course.id, documentId: found.document.id };
  if (intent === 'propose') {
    const outcome = await suggestCorrection({ ...base, userId: user.id, form });
    return outcome.ok ? { fieldErrors: {}, proposed: true } : data({ fieldErrors: outcome.fieldErrors, proposed: false }, { status: outcome.status });
  }
  if (intent !== 'accept' && intent !== 'reject') return data({ fieldErrors: { form: 'Say what to do with the suggestion (intent).' }, proposed: false }, { status: 400 });
  if (!isInstructor) throw new Response('Only the course’s instructors decide on corrections.', { status: 403 });
  if (await readInSeveralCourses(found.document.id)) {
    return data({ fieldErrors: { form: 'This source is also read in another course, so it cannot be corrected from here.' }, proposed: false }, { status: 409 });
  }
  if (intent === 'reject') {
    const id = String(form.get('id') ?? '');
    const outcome = isUuid(id) ? await rejectCorrection({ ...base, by: user.id, id, reason: String(form.get(`reason-${id}`) ?? ''), title: found.document.title }) : null;
    if (!outcome) return data({ fieldErrors: { form: 'No such suggestion.' }, proposed: false }, { status: 400 });
    return outcome.ok ? { fieldErrors: {}, proposed: false } : data({ fieldErrors: outcome.fieldErrors, proposed: false }, { status: outcome.status });
  }
  const ids = form.getAll('accept').map(String).filter(isUuid);
  const texts = new Map(ids.map((id) => [id, String(form.get(`text-${id}`) ?? '').replace(/\r\n?/g, '\n')]));
  const outcome = await acceptCorrections({ ...base, by: user.id, texts });
  if (!outcome.ok) return data({ fieldErrors: outcome.fieldErrors, proposed: false }, { status: outcome.status });
  throw redirect(`/c/${course.id}/d/${found.document.id}?published=${outcome.version}`);
}

export default function Corrections() {
  const { course, document: doc, isInstructor, corrections, shared } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = answer?.fieldErrors ?? {};
  return (
    <div className="card-page corrections-page">
      <p className="crumbs">
        <Link to={`/c/${course.id}/d/${doc.id}`}>{doc.title}</Link>
      </p>
      <h1>{isInstructor ? 'Suggested corrections' : 'Your suggested corrections'}</h1>
      {isInstructor ? (
        <CorrectionQueue courseId={course.id} documentId={doc.id} version={doc.version} corrections={corrections} errors={errors} shared={shared} />
      ) : (
        <OwnCorrections courseId={course.id} documentId={doc.id} corrections={corrections} />
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Corrections to ${data.document.title} · Plenum` : 'Corrections · Plenum' }];

export function ErrorBoundary() {
  return <RouteError what="these corrections" />;
}
