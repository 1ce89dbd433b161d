/** The import page's form (a file and who sees the notes) and the report of what an import placed where. */
import { Form, Link, useNavigation } from '@remix-run/react';
import { Field } from '~/components/field';
import type { ImportReport, ImportReportItem } from '~/lib/import/imported-notes.server';
import type { Visibility } from '~/lib/notes/visibility';

const WHO: Record<Visibility, { label: string; hint: string }> = {
  class: { label: 'Class', hint: 'every member of the course sees them' },
  private: { label: 'Only me', hint: 'your own notes, which nobody else sees' },
  staff: { label: 'Instructors', hint: 'the course’s instructors see them' },
};

export function ImportForm(props: { visibilities: Visibility[]; errors: { file?: string; visibility?: string; form?: string }; limit: string; again: boolean }) {
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const { errors } = props;
  return (
    <Form method="post" encType="multipart/form-data" className="import-form" aria-busy={busy}>
      {props.again ? <h2>Import another file</h2> : null}
      <Field label="File of annotations" name="file" type="file" accept=".json,.jsonld,application/json,application/ld+json" hint={`JSON or JSON-LD, up to ${props.limit}.`} error={errors.file} />
      <fieldset className="field" aria-invalid={errors.visibility ? true : undefined}>
        <legend>Who sees the imported notes</legend>
        {props.visibilities.map((v, i) => (
          <label key={v} className="choice">
            <input type="radio" name="visibility" value={v} defaultChecked={i === 0} /> {WHO[v].label} <span className="hint">— {WHO[v].hint}</span>
          </label>
        ))}
        {errors.visibility ? (
          <p className="field-error" role="alert">
            {errors.visibility}
          </p>
        ) : null}
      </fieldset>
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </button>
        <p className="hint" role="status" aria-live="polite">
          {busy ? 'Reading the file and placing each annotation on the text: a large file takes a few seconds.' : ''}
        </p>
      </div>
    </Form>
  );
}

const STATUS_LABEL: Record<ImportReportItem['status'], string> = {
  exact: 'Placed on its passage',
  fuzzy: 'Placed approximately',
  review: 'To check',
  orphan: 'Passage not found',
  page: 'Note on the whole source',
  reply: 'Reply',
  'already imported': 'Already imported',
  'reply to a missing note': 'Left out: reply to a note not in the file',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export function ImportReportView(props: {
  result: { format: string; fileName: string; visibility: Visibility; report: ImportReport; notNotes: number; unreadable: number };
  readerHref: string;
}) {
  const { report, notNotes, unreadable, format, fileName, visibility } = props.result;
  const c = report.counts;
  const added = c.exact + c.fuzzy + c.review + c.orphan + c.page + c.reply;
  const shownAll = report.items.length === Object.values(c).reduce((a, b) => a + b, 0);
  return (
    <section className="import-report" aria-labelledby="import-report-title">
      <h2 id="import-report-title" role="status">
        {added === 0 ? `Nothing new in ${fileName}` : `${[added - c.reply > 0 ? plural(added - c.reply, 'note') : '', c.reply > 0 ? plural(c.reply, 'reply', 'replies') : ''].filter(Boolean).join(' and ')} imported from ${fileName}`}
      </h2>
      <p>
        Read as {format}. {added > 0 ? `They are your notes, seen by: ${WHO[visibility].label.toLowerCase()}.` : ''}
      </p>
      <ul className="import-counts">
        {c.exact > 0 ? <li>{plural(c.exact, 'note')} placed on the passage they quote</li> : null}
        {c.fuzzy > 0 ? <li>{plural(c.fuzzy, 'note')} placed approximately (the quote differs slightly from this version’s text)</li> : null}
        {c.review > 0 ? <li>{plural(c.review, 'note')} to check: the words recur where their context does not, so they wait for you to confirm a passage</li> : null}
        {c.orphan > 0 ? <li>{plural(c.orphan, 'note')} whose passage is not in this version: kept, at the top of the margin, for you to re-attach</li> : null}
        {c.page > 0 ? <li>{plural(c.page, 'note')} on the whole source (no passage quoted)</li> : null}
        {c.reply > 0 ? <li>{plural(c.reply, 'reply', 'replies')}</li> : null}
        {c['already imported'] > 0 ? <li>{plural(c['already imported'], 'annotation')} already imported before: not added again</li> : null}
        {c['reply to a missing note'] > 0 ? <li>{plural(c['reply to a missing note'], 'reply', 'replies')} left out: the note they answer is not in the file</li> : null}
        {notNotes > 0 ? <li>{plural(notNotes, 'link, matrix entry or event', 'links, matrix entries and events')} left out: import brings notes and replies</li> : null}
        {unreadable > 0 ? <li>{plural(unreadable, 'item')} in a shape Plenum cannot read, left out</li> : null}
        {report.shortened > 0 ? <li>{plural(report.shortened, 'note')} shortened to Plenum’s limits (text or tags)</li> : null}
      </ul>
      {added > 0 ? (
        <p>
          <Link to={props.readerHref} className="button">
            Open the source
          </Link>
        </p>
      ) : null}
      {report.items.length > 0 ? (
        <details open={report.items.length <= 20}>
          <summary>{shownAll ? 'Each annotation' : `The first ${report.items.length} annotations`}</summary>
          <div className="table-scroll">
            <table className="import-items">
              <thead>
                <tr>
                  <th scope="col">Outcome</th>
                  <th scope="col">Written by</th>
                  <th scope="col">Passage or note</th>
                </tr>
              </thead>
              <tbody>
                {report.items.map((item, i) => (
                  <tr key={i} className={`import-${item.status.replace(/ /g, '-')}`}>
                    <td>{STATUS_LABEL[item.status]}</td>
                    <td>{item.author || '—'}</td>
                    <td>{item.excerpt}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </section>
  );
}
