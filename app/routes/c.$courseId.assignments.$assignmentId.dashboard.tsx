import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { sourceHeat } from '~/lib/assignments/heat.server';
import { STATUS_LABEL } from '~/lib/assignments/progress';
import { loadReport } from '~/lib/assignments/report.server';
import { formatDateTime, timeZoneOf } from '~/lib/time-zone';
import { RouteError } from '~/components/route-error';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { courseId, assignment, rows } = await loadReport(request, params);
  return {
    courseId,
    timeZone: timeZoneOf(request),
    assignment: {
      id: assignment.id,
      title: assignment.title,
      draft: assignment.publishedAt === null,
      dueAt: assignment.dueAt.toISOString(),
      minNotes: assignment.minNotes,
      minReplies: assignment.minReplies,
      minLinks: assignment.minLinks,
      minMatrixEntries: assignment.minMatrixEntries,
      responseRequired: assignment.responseRequired,
      minWords: assignment.minWords,
    },
    rows,
    heat: (await Promise.all(assignment.documents.map((d) => sourceHeat({ courseId, documentId: d.documentId, since: assignment.opensAt })))).filter((h) => h !== null),
  };
}

export default function Dashboard() {
  const { courseId, timeZone, assignment: a, rows, heat } = useLoaderData<typeof loader>();
  const work = (userId: string, part: string) => `/c/${courseId}/assignments/${a.id}/work/${userId}#${part}`;
  const complete = rows.filter((r) => r.status === 'complete').length;
  return (
    <div className="page dashboard">
      <p className="breadcrumb">
        <Link to={`/c/${courseId}/assignments/${a.id}`}>← {a.title}</Link>
      </p>
      <div className="page-head">
        <h1>Dashboard: {a.title}</h1>
        <a className="button secondary" href={`/c/${courseId}/assignments/${a.id}/export`} download>
          Export CSV
        </a>
      </div>
      <p>
        Due {formatDateTime(a.dueAt, timeZone)}. {complete} of {rows.length} student{rows.length === 1 ? '' : 's'} complete.
        {a.draft ? ' This is a draft: students cannot see it yet.' : ''}
      </p>
      {rows.length === 0 ? (
        <p className="empty">No students in this course yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="progress-table">
            <thead>
              <tr>
                <th scope="col">Student</th>
                <th scope="col">Status</th>
                {a.minNotes > 0 ? <th scope="col">Notes (of {a.minNotes})</th> : null}
                {a.minReplies > 0 ? <th scope="col">Replies (of {a.minReplies})</th> : null}
                {a.minLinks > 0 ? <th scope="col">Links (of {a.minLinks})</th> : null}
                {a.minMatrixEntries > 0 ? <th scope="col">Matrix entries (of {a.minMatrixEntries})</th> : null}
                {a.responseRequired ? <th scope="col">Words{a.minWords > 0 ? ` (of ${a.minWords})` : ''}</th> : null}
                {a.responseRequired ? <th scope="col">Submitted</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.userId} data-student={r.student}>
                  <th scope="row">
                    <Link to={work(r.userId, 'top')}>{r.student}</Link>
                  </th>
                  <td>
                    <span className={`badge status-${r.status}`}>{STATUS_LABEL[r.status]}</span>
                  </td>
                  {a.minNotes > 0 ? (
                    <td className={r.notes >= a.minNotes ? 'met' : undefined}>
                      <Link to={work(r.userId, 'notes')}>{r.notes}</Link>
                    </td>
                  ) : null}
                  {a.minReplies > 0 ? (
                    <td className={r.replies >= a.minReplies ? 'met' : undefined}>
                      <Link to={work(r.userId, 'replies')}>{r.replies}</Link>
                    </td>
                  ) : null}
                  {a.minLinks > 0 ? <td className={r.links >= a.minLinks ? 'met' : undefined}>{r.links}</td> : null}
                  {a.minMatrixEntries > 0 ? (
                    <td className={r.entriesMet ? 'met' : undefined}>
                      <Link to={work(r.userId, 'entries')}>{r.entries}</Link>
                    </td>
                  ) : null}
                  {a.responseRequired ? (
                    <td className={r.submittedAt && r.words >= a.minWords ? 'met' : undefined}>
                      <Link to={work(r.userId, 'response')}>{r.words}</Link>
                    </td>
                  ) : null}
                  {a.responseRequired ? (
                    <td>
                      {r.submittedAt ? formatDateTime(r.submittedAt, timeZone) : '—'}
                      {r.submittedAt && r.late ? <span className="badge status-late"> late</span> : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Where the class’s notes fall</h2>
      {heat.map((doc) => (
        <HeatStrip key={doc.documentId} courseId={courseId} assignmentId={a.id} doc={doc} />
      ))}
    </div>
  );
}

function HeatStrip({ courseId, assignmentId, doc }: { courseId: string; assignmentId: string; doc: { documentId: string; title: string; total: number; blocks: { number: number; length: number; notes: number; excerpt: string }[] } }) {
  const max = Math.max(1, ...doc.blocks.map((b) => b.notes));
  const top = [...doc.blocks].filter((b) => b.notes > 0).sort((x, y) => y.notes - x.notes || x.number - y.number).slice(0, 5);
  return (
    <section className="heat" aria-label={`Notes per paragraph in ${doc.title}`}>
      <h3>
        <Link to={`/c/${courseId}/d/${doc.documentId}`}>{doc.title}</Link> <span className="meta">{`· ${doc.total} note${doc.total === 1 ? '' : 's'}`}</span>{' '}
        <Link className="small-link" to={`/c/${courseId}/d/${doc.documentId}?assignment=${assignmentId}&heat`}>
          Heat beside the text
        </Link>
      </h3>
      <div className="heat-body">
        <ol className="heat-strip" aria-hidden="true">
          {doc.blocks.map((b) => (
            <li
              key={b.number}
              title={`¶ ${b.number}: ${b.notes} note${b.notes === 1 ? '' : 's'}`}
              style={{ flexGrow: Math.max(1, Math.sqrt(b.length)), opacity: 0.12 + (0.88 * b.notes) / max }}
              className={b.notes > 0 ? 'hot' : undefined}
            />
          ))}
        </ol>
        {top.length === 0 ? (
          <p className="empty small">No notes on this source since the assignment opened.</p>
        ) : (
          <ol className="heat-top">
            {top.map((b) => (
              <li key={b.number}>
                <Link to={`/c/${courseId}/d/${doc.documentId}#b${b.number}`}>¶ {b.number}</Link> <strong>{b.notes}</strong> note{b.notes === 1 ? '' : 's'} ·{' '}
                <span className="excerpt">{b.excerpt}…</span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Dashboard: ${data.assignment.title} · Plenum` : 'Dashboard · Plenum' }];

export function ErrorBoundary() {
  return <RouteError what="the dashboard" />;
}
