/** One entry of a matrix cell: its claim, each passage it cites (opening there), its author, and what its author or an instructor may do to it. */
import { memo, useState } from 'react';
import { linkedBlock, type LinkEnd } from '~/lib/compare/links';
import { MATRIX_LIMITS } from '~/lib/compare/matrix';
import { ConfirmDialog } from '~/components/confirm-dialog';
import type { MatrixProps } from './comparison-matrix';
import type { EntryView } from './use-matrix';

/** An entry's passage as a citation: its source's title and the ¶ it was in when cited. */
export function cite(end: LinkEnd, titles: Record<string, string>) {
  return { title: titles[end.source] ?? 'A source no longer in the course', block: linkedBlock(end), quote: end.selector[1].exact };
}

function passageHref(courseId: string, end: LinkEnd) {
  const block = linkedBlock(end);
  return `/c/${courseId}/d/${end.source}${block ? `#b${block}` : ''}`;
}

type EntryItemProps = MatrixProps & { view: EntryView; onHide(): void };

/**
 * Rendered again only when its entry or the page's member changes: a matrix of thousands of entries
 * re-renders only what a change touched. (Its actions read the matrix's current room; they wait for it
 * through the matrix's fieldset, disabled until the room is live.)
 */
export const EntryItem = memo(
  Item,
  (a: EntryItemProps, b: EntryItemProps) => a.view === b.view && a.courseId === b.courseId && a.titles === b.titles && a.me.id === b.me.id && a.isInstructor === b.isInstructor,
);

function Item(props: EntryItemProps) {
  const { view, courseId, titles, matrix, me, isInstructor } = props;
  const { entry } = view;
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [claim, setClaim] = useState(entry.claim);
  const ends = entry.evidence.target;
  const mine = entry.authorId === me.id;
  const bothHref =
    ends.length === 2
      ? `/c/${courseId}/compare?left=${ends[0]!.source}&right=${ends[1]!.source}#left-o${ends[0]!.selector[0].start},right-o${ends[1]!.selector[0].start}`
      : null;
  const tooLong = claim.trim().length > MATRIX_LIMITS.claim;
  return (
    <li className={`matrix-entry${view.flag?.hidden ? ' hidden-entry' : ''}`}>
      {editing ? (
        <form
          className="entry-edit"
          onSubmit={(e) => {
            e.preventDefault();
            if (claim.trim() === '' || tooLong) return;
            matrix.editEntry(view, claim.trim());
            setEditing(false);
          }}
        >
          <label htmlFor={`claim-${view.key}`}>Claim</label>
          <textarea id={`claim-${view.key}`} value={claim} rows={2} onChange={(e) => setClaim(e.target.value)} aria-invalid={tooLong || claim.trim() === '' ? true : undefined} />
          {tooLong ? <p className="field-error">At most {MATRIX_LIMITS.claim} characters.</p> : null}
          {claim.trim() === '' ? <p className="field-error">The claim cannot be empty.</p> : null}
          <button type="submit" className="small">
            Save
          </button>{' '}
          <button type="button" className="small secondary" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <p className="claim">{entry.claim}</p>
      )}
      {ends.map((end, i) => {
        const c = cite(end, titles);
        return (
          <p key={i} className="citation">
            <a href={passageHref(courseId, end)}>
              {c.title}
              {c.block ? ` ¶ ${c.block}` : ''}
            </a>
            {i === 0 && entry.evidence.kind !== 'passage' ? <span className="meta"> · {entry.evidence.kind === 'link' ? 'linked' : 'from a note'}</span> : null}
            <q>{c.quote.length > 140 ? `${c.quote.slice(0, 140)}…` : c.quote}</q>
          </p>
        );
      })}
      <p className="meta">
        {view.authorName}
        {entry.evidence.kind === 'link' && bothHref ? (
          <>
            {' · '}
            <a href={bothHref}>open both</a>
          </>
        ) : null}
        {view.flag?.hidden ? <strong> · hidden{view.flag.reason ? `: ${view.flag.reason}` : ''}</strong> : null}
        {mine && !editing ? (
          <>
            {' · '}
            <button type="button" className="link-button" onClick={() => setEditing(true)}>
              Edit
            </button>
            {' · '}
            <button type="button" className="link-button" onClick={() => setDeleting(true)}>
              Delete
            </button>
            {deleting ? (
              <ConfirmDialog
                title="Delete this entry?"
                confirmLabel="Delete"
                danger
                onConfirm={() => {
                  matrix.deleteEntry(view);
                  setDeleting(false);
                }}
                onCancel={() => setDeleting(false)}
              >
                <p>“{entry.claim}” goes from the matrix, for everyone.</p>
              </ConfirmDialog>
            ) : null}
          </>
        ) : null}
        {isInstructor ? (
          <>
            {' · '}
            <button type="button" className="link-button" onClick={() => (view.flag?.hidden ? matrix.setHidden(view, false, '') : props.onHide())}>
              {view.flag?.hidden ? 'Show' : 'Hide'}
            </button>
          </>
        ) : null}
      </p>
    </li>
  );
}

