/**
 * A new version's preview on the "New version" page: where the course's notes, link ends and timeline
 * events would land, what would not be placed, and the paragraphs that change.
 */
import type { BlockChange } from '~/lib/sources/block-diff';
import { WordChanges } from './word-changes';
import type { AnchoredKind, StatusCounts, VersionPreview } from '~/lib/sources/version-preview.server';

const KINDS: [AnchoredKind, string][] = [
  ['note', 'Notes'],
  ['link', 'Evidence link ends'],
  ['event', 'Timeline events'],
];
const COLUMNS: [keyof StatusCounts, string][] = [
  ['exact', 'Stay in place'],
  ['moved', 'Move with their text'],
  ['fuzzy', 'Matched approximately'],
  ['review', 'To check'],
  ['orphan', 'Orphaned'],
];
const KIND_LABEL: Record<AnchoredKind, string> = { note: 'Note', link: 'Link end', event: 'Timeline event' };
/** The page lists this many changed paragraphs; the counts above them cover all. */
const LISTED_CHANGES = 150;

export function unplacedCount(preview: VersionPreview): number {
  return Object.values(preview.counts).reduce((n, c) => n + c.review + c.orphan, 0);
}

export function VersionPreviewReport({ preview, nextVersion }: { preview: VersionPreview; nextVersion: number }) {
  const { blocks, counts } = preview;
  const changes = blocks.changes;
  return (
    <section className="version-preview" aria-labelledby="preview-title">
      <h2 id="preview-title" tabIndex={-1}>What version {nextVersion} changes</h2>
      <p>
        {blocks.edited} {blocks.edited === 1 ? 'paragraph' : 'paragraphs'} edited, {blocks.removed} removed, {blocks.added} added; {blocks.kept} unchanged.
      </p>
      {/* (Scrolls sideways on a phone, by keyboard too, rather than spilling off the page.) */}
      <div className="table-scroll" role="region" aria-label="Where the class’s work would be" tabIndex={0}>
        <table className="anchor-counts">
          <caption>Where the class’s work would be in the new text</caption>
          <thead>
            <tr>
              <th scope="col" />
              {COLUMNS.map(([key, label]) => (
                <th key={key} scope="col">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {KINDS.map(([kind, label]) => (
              <tr key={kind}>
                <th scope="row">{label}</th>
                {COLUMNS.map(([key]) => (
                  <td key={key} className={counts[kind][key] > 0 && (key === 'orphan' || key === 'review') ? 'attention' : undefined}>
                    {counts[kind][key]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        Nothing is dropped: orphaned work is listed at the top of the margin with its old quote, and work “to check” (its words recur, but not beside their old context) waits
        there to be re-attached by its author (or, for a class note, by an instructor). Version {nextVersion - 1} stays readable.
      </p>
      {preview.unplaced.length + preview.privateUnplaced > 0 ? (
        <>
          <h3>Would not be placed</h3>
          <ul className="unplaced-list">
            {preview.unplaced.map((item, i) => (
              <li key={i}>
                {KIND_LABEL[item.kind]} · {item.wasAt !== null ? `was ¶ ${item.wasAt}, ` : ''}
                {item.status === 'orphan' ? 'orphaned' : `to check (the words recur at ¶ ${item.recursAt ?? '?'})`}
                <blockquote>{item.quote}</blockquote>
              </li>
            ))}
            {preview.unlisted > 0 ? <li>and {preview.unlisted} more, counted in the table above</li> : null}
            {preview.privateUnplaced > 0 ? <li>and {preview.privateUnplaced} members’ private notes or links, whose passages only their authors see</li> : null}
          </ul>
        </>
      ) : null}
      <h3>Changed paragraphs</h3>
      {changes === null ? (
        <p>The two texts differ in too many places to list them paragraph by paragraph. If this is a different text rather than a correction, add it as a new source instead.</p>
      ) : changes.length === 0 ? (
        <p>No paragraph changes: only spacing inside paragraphs differs.</p>
      ) : (
        <ol className="block-changes">
          {changes.slice(0, LISTED_CHANGES).map((change, i) => (
            <li key={i} className={change.kind}>
              <ChangeView change={change} />
            </li>
          ))}
          {changes.length > LISTED_CHANGES ? <li>and {changes.length - LISTED_CHANGES} more</li> : null}
        </ol>
      )}
    </section>
  );
}

function ChangeView({ change }: { change: BlockChange }) {
  if (change.kind === 'removed') {
    return (
      <>
        <p className="change-label">¶ {change.old.number} removed</p>
        <p className="change-text">
          <del>{change.old.text}</del>
        </p>
      </>
    );
  }
  if (change.kind === 'added') {
    return (
      <>
        <p className="change-label">New ¶ {change.new.number}</p>
        <p className="change-text">
          <ins>{change.new.text}</ins>
        </p>
      </>
    );
  }
  return (
    <>
      <p className="change-label">
        ¶ {change.old.number} edited{change.old.number === change.new.number ? '' : ` (now ¶ ${change.new.number})`}
      </p>
      <WordChanges before={change.old.text} after={change.new.text} words={change.words} />
    </>
  );
}
