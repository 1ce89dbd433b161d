/**
 * A modal dialog that asks before something is done (the browser's own <dialog>: focus is kept
 * inside, Esc cancels, focus returns where it was). `children` are its fields, if any.
 */
import { useId } from 'react';
import { useModalDialog } from './use-modal-dialog';

export function ConfirmDialog(props: {
  title: string;
  children?: React.ReactNode;
  confirmLabel: string;
  /** A destructive or final action is styled as such. */
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const id = useId();
  const { onCancel } = props;
  const ref = useModalDialog();
  return (
    // Clicks inside stay inside: the dialog is often rendered within something clickable (a card).
    <dialog ref={ref} className="confirm-dialog" aria-labelledby={`${id}-title`} onClose={onCancel} onClick={(e) => e.stopPropagation()}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          props.onConfirm();
        }}
      >
        <h2 id={`${id}-title`}>{props.title}</h2>
        {props.children}
        <div className="dialog-actions">
          <button type="submit" className={props.danger ? 'danger' : undefined}>
            {props.confirmLabel}
          </button>
          <button type="button" className="secondary" onClick={() => ref.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
