/**
 * Saving an evidence link between two chosen passages: how they relate (the course's list), a comment
 * (Markdown, as notes), and who sees it. Says whether the link joins two cases: compare assignments
 * count those.
 */
import { useId, useState } from 'react';
import { LINK_LIMITS } from '~/lib/compare/links';
import { ConfirmDialog } from '~/components/confirm-dialog';
import { LinkFields } from './link-fields';
import type { LinkVisibility } from './use-course-links';

export interface ChosenEnd {
  title: string;
  block: number;
  quote: string;
  caseLabel: string;
}

export function LinkDialog(props: {
  ends: [ChosenEnd, ChosenEnd];
  relations: readonly string[];
  /** Whether the two passages are of different cases of the course. */
  crossesCases: boolean;
  /** Saves the link: null, or why it could not be saved (shown in the dialog, which stays open). */
  onSave(link: { relation: string; comment: string; visibility: LinkVisibility }): string | null;
  onCancel(): void;
}) {
  const id = useId();
  const [relation, setRelation] = useState(props.relations[0] ?? '');
  const [comment, setComment] = useState('');
  const [visibility, setVisibility] = useState<LinkVisibility>('class');
  const [error, setError] = useState<string | null>(null);
  const [a, b] = props.ends;
  const excerpt = (q: string) => (q.length > 140 ? `${q.slice(0, 140)}…` : q);
  return (
    <ConfirmDialog
      title="Link these passages"
      confirmLabel="Save link"
      onConfirm={() => {
        if (comment.length > LINK_LIMITS.comment) return setError(`The comment is ${comment.length.toLocaleString()} characters; at most ${LINK_LIMITS.comment.toLocaleString()}.`);
        if (!props.relations.includes(relation)) return setError('Choose how the passages relate.');
        setError(props.onSave({ relation, comment: comment.trim(), visibility }));
      }}
      onCancel={props.onCancel}
    >
      <ol className="link-ends">
        {[a, b].map((end, i) => (
          <li key={i}>
            <span className="meta">
              {end.title} ¶ {end.block} · {end.caseLabel}
            </span>
            <blockquote>{excerpt(end.quote)}</blockquote>
          </li>
        ))}
      </ol>
      <p className={props.crossesCases ? 'hint crosses' : 'hint'} role="note">
        {props.crossesCases ? `This link joins two cases (${a.caseLabel} and ${b.caseLabel}).` : `Both passages are of ${a.caseLabel}: the link does not join two cases.`}
      </p>
      <LinkFields id={id} relations={props.relations} relation={relation} onRelation={setRelation} comment={comment} onComment={setComment} error={error} />
      <fieldset className="visibility-choice">
        <legend>Who sees it</legend>
        <label>
          <input type="radio" name={`${id}-visibility`} checked={visibility === 'class'} onChange={() => setVisibility('class')} /> Class
        </label>
        <label>
          <input type="radio" name={`${id}-visibility`} checked={visibility === 'private'} onChange={() => setVisibility('private')} /> Only me
        </label>
      </fieldset>
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
