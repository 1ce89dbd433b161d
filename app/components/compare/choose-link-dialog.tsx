/** A cell's "Add evidence…": one of the class's links (a passage is cited from its source: select it, "Add to matrix…"). */
import { Link } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { relationOf } from '~/lib/compare/links';
import { ConfirmDialog } from '~/components/confirm-dialog';
import type { MatrixProps } from './comparison-matrix';
import { cite } from './matrix-entry-item';
import type { LinkView } from './use-course-links';

export function ChooseLinkDialog(props: MatrixProps & { onChoose(link: LinkView): void; onCancel(): void }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const usable = props.links.filter((l) => l.visibility === 'class' && !l.flag?.hidden);
  // The links are the compare room's: opened before it arrived, the dialog says so, then puts the
  // keyboard on the first link once they are there (as it would have on opening).
  const choices = useRef<HTMLFieldSetElement>(null);
  const focused = useRef(false);
  useEffect(() => {
    if (focused.current || !props.linksReady || usable.length === 0) return;
    focused.current = true;
    choices.current?.querySelector('input')?.focus();
  }, [props.linksReady, usable.length]);
  return (
    <ConfirmDialog
      title="Add evidence"
      confirmLabel="Next"
      onConfirm={() => {
        const link = usable.find((l) => l.key === chosen);
        if (!link) return setError(usable.length === 0 ? 'There is no link to cite yet.' : 'Choose a link.');
        props.onChoose(link);
      }}
      onCancel={props.onCancel}
    >
      <p className="hint">
        To cite a single passage, select it in a source and choose <em>Add to matrix…</em>. Or cite one of the class’s evidence links:
      </p>
      {!props.linksReady ? (
        <p className="hint" role="status">
          Loading the class’s links…
        </p>
      ) : usable.length === 0 ? (
        <p className="empty">
          Nobody has linked two passages yet. <Link to={`/c/${props.courseId}/compare`}>Read two sources side by side</Link> to make the first link.
        </p>
      ) : (
        <fieldset className="link-choices" ref={choices}>
          <legend>The class’s links</legend>
          {usable.map((l) => {
            const [a, b] = l.link.target.map((end) => cite(end, props.titles));
            return (
              <label key={l.key}>
                <input type="radio" name="link" value={l.key} checked={chosen === l.key} onChange={() => setChosen(l.key)} />
                <span>
                  <strong>
                    {a!.title}
                    {a!.block ? ` ¶ ${a!.block}` : ''}
                  </strong>{' '}
                  {relationOf(l.link)}{' '}
                  <strong>
                    {b!.title}
                    {b!.block ? ` ¶ ${b!.block}` : ''}
                  </strong>
                  <span className="meta"> · {l.authorName}</span>
                </span>
              </label>
            );
          })}
        </fieldset>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
