import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { listCourseDocuments, type DocumentSummary } from '../../db/queries/documents';
import { listCourseCases } from '../../db/queries/cases';
import { noteCountsByDocument } from '../../db/queries/notes';
import { listAssignments } from '../../db/queries/assignments';
import { assignmentProgress } from '~/lib/assignments/progress.server';
import { STATUS_LABEL } from '~/lib/assignments/progress';
import { requireCourseRole } from '~/lib/auth.server';
import { formatDateTime, timeZoneOf } from '~/lib/time-zone';
import { allCasesLabel } from '~/lib/cases';
import { formatSourceDate } from '~/lib/format';
import { RouteError } from '~/components/route-error';
import { SourcePairPicker, suggestedPair } from '~/components/compare/source-pair-picker';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const courseId = membership.course.id;
  const isInstructor = membership.role === 'instructor';
  const [all, cases, noteCounts, assignments] = await Promise.all([
    // (Archived sources only for instructors, who may restore them.)
    listCourseDocuments(courseId, { archived: isInstructor }),
    listCourseCases(courseId),
    noteCountsByDocument({ courseId, userId: user.id, isInstructor }),
    listAssignments(courseId, { includeDrafts: false }),
  ]);
  // What is due next: open assignments, with the student's own status.
  const upcoming = await Promise.all(
    assignments
      .filter((a) => a.dueAt > new Date())
      .slice(0, 3)
      .map(async (a) => ({
        id: a.id,
        title: a.title,
        dueAt: a.dueAt.toISOString(),
        status: isInstructor ? null : ((await assignmentProgress(a, { userIds: [user.id] }))[0]?.status ?? null),
      })),
  );
  const documents = all.filter((d) => !d.archived);
  const archived = all.filter((d) => d.archived).map((d) => ({ id: d.id, title: d.title }));
  return { course: membership.course, role: membership.role, documents, archived, cases, noteCounts, upcoming, timeZone: timeZoneOf(request) };
}

export default function CourseHome() {
  const { course, role, documents, archived, cases, noteCounts, upcoming, timeZone } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const justArchived = archived.find((d) => d.id === params.get('archived'));
  const groups = [
    ...cases.map((c) => ({ key: c.id, caseId: c.id as string | null, title: c.title, summary: c.summary, colour: c.colour as string | null })),
    { key: 'all', caseId: null, title: allCasesLabel(cases), summary: `Sources that speak to ${cases.length === 2 ? 'both cases' : 'every case'}.`, colour: null },
  ]
    .map((g) => ({ ...g, documents: documents.filter((d) => d.caseId === g.caseId) }))
    .filter((g) => g.documents.length > 0);

  return (
    <div className="page">
      <h1 className="visually-hidden">{course.title}: sources</h1>
      {justArchived ? (
        <div className="notice" role="status">
          “{justArchived.title}” is archived.{' '}
          <Form method="post" action={`/c/${course.id}/d/${justArchived.id}/archive`} className="inline-form">
            <button type="submit" name="intent" value="restore" className="link-button">
              Undo
            </button>
          </Form>
        </div>
      ) : null}
      {upcoming.length > 0 ? (
        <section className="upcoming" aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">Due next</h2>
          <ul>
            {upcoming.map((a) => (
              <li key={a.id}>
                <Link to={`/c/${course.id}/assignments/${a.id}`}>{a.title}</Link> <span className="meta">due {formatDateTime(a.dueAt, timeZone)}</span>{' '}
                {a.status ? <span className={`badge status-${a.status}`}>{STATUS_LABEL[a.status]}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {documents.length === 0 ? (
        <div className="empty">
          <p>{archived.length > 0 ? 'Every source of this course is archived: restore one below, or add another.' : 'This course has no sources yet.'}</p>
          {role === 'instructor' ? (
            <p>
              <Link to={`/c/${course.id}/sources/new`}>Add the first source</Link>: a plain-text or Markdown file.
            </p>
          ) : (
            <p>Your instructor has not added any reading yet.</p>
          )}
        </div>
      ) : (
        <div className="case-columns">
          {groups.map((group) => (
            <section key={group.key} className="case-group" aria-labelledby={`case-${group.key}`} style={group.colour ? ({ '--case-colour': group.colour } as React.CSSProperties) : undefined}>
              <h2 id={`case-${group.key}`}>{group.title}</h2>
              <p className="case-summary">{group.summary}</p>
              <ol className="source-list">
                {group.documents.map((d) => (
                  <SourceItem key={d.id} courseId={course.id} document={d} notes={noteCounts[d.id] ?? 0} />
                ))}
              </ol>
            </section>
          ))}
        </div>
      )}
      {archived.length > 0 ? <ArchivedSources courseId={course.id} sources={archived} /> : null}
      <p className="export-entry">
        <Link to={`/c/${course.id}/export`}>Export</Link> {role === 'instructor' ? 'your or the class’s' : 'your'} notes, links, matrix entries, timeline events and board posts as CSV, Markdown or W3C Web Annotation.
      </p>
      {documents.length >= 2 ? (
        <section className="compare-entry" aria-labelledby="compare-heading">
          <h2 id="compare-heading">Compare two sources</h2>
          <SourcePairPicker courseId={course.id} sources={documents} cases={cases} {...suggestedPair(documents)} idPrefix="home" />
        </section>
      ) : null}
    </div>
  );
}

function ArchivedSources({ courseId, sources }: { courseId: string; sources: { id: string; title: string }[] }) {
  return (
    <details className="archived-sources">
      <summary>Archived sources ({sources.length})</summary>
      <p className="hint">Only instructors see these. They stay readable, with their notes; restored, a source is back where it was.</p>
      <ul>
        {sources.map((d) => (
          <li key={d.id}>
            <Link to={`/c/${courseId}/d/${d.id}`}>{d.title}</Link>
            <Form method="post" action={`/c/${courseId}/d/${d.id}/archive`} className="inline-form">
              <button type="submit" name="intent" value="restore" className="small secondary" aria-label={`Restore ${d.title}`}>
                Restore
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </details>
  );
}

function SourceItem({ courseId, document: d, notes }: { courseId: string; document: DocumentSummary; notes: number }) {
  return (
    <li className="source-item">
      <Link to={`/c/${courseId}/d/${d.id}`} className="source-title">
        {d.title}
      </Link>
      <div className="source-meta">
        <span className={`badge ${d.kind}`}>{d.kind === 'primary' ? 'Primary' : 'Secondary'}</span>
        <span>{d.genre}</span>
        <span>{formatSourceDate(d.date)}</span>
        {d.version > 1 ? <span>version {d.version}</span> : null}
        <span className="note-count">{notes === 0 ? 'no notes yet' : `${notes} note${notes === 1 ? '' : 's'}`}</span>
      </div>
    </li>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.course.title} · Plenum` : 'Plenum' }];

export function ErrorBoundary() {
  return <RouteError what="the course" />;
}
