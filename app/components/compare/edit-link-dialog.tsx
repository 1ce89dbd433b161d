/** The author changes a link's relation (from the course's list) and its comment; its two passages stay. */
import { useId, useState } from 'react';
import { commentOf, LINK_LIMITS, relationOf } from '~/lib/compare/links';
import { ConfirmDialog } from '~/components/confirm-dialog';
import { LinkFields } from './link-fields';
import type { LinkView } from './use-course-links';

export function EditLinkDialog(props: { view: LinkView; relations: readonly string[]; onSave(change: { relation: string; comment: string }): void; onCancel(): void }) {
  const id = useId();
  const [relation, setRelation] = useState(relationOf(props.view.link));
  const [comment, setComment] = useState(commentOf(props.view.link));
  const [error, setError] = useState<string | null>(null);
  // A relation since dropped from the course's list stays choosable for the link that has it.
  const choices = props.relations.includes(relationOf(props.view.link)) ? props.relations : [relationOf(props.view.link), ...props.relations];
  return (
    <ConfirmDialog
      title="Edit this link"
      confirmLabel="Save changes"
      onConfirm={() => {
        if (comment.length > LINK_LIMITS.comment) return setError(`The comment is ${comment.length.toLocaleString()} characters; at most ${LINK_LIMITS.comment.toLocaleString()}.`);
        props.onSave({ relation, comment: comment.trim() });
      }}
      onCancel={props.onCancel}
    >
      <LinkFields id={id} relations={choices} relation={relation} onRelation={setRelation} comment={comment} onComment={setComment} error={error} />
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
