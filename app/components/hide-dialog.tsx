/** Asks an instructor why a note, reply or post is being hidden from students. */
import { useId, useState } from 'react';
import { ConfirmDialog } from './confirm-dialog';

export function HideDialog(props: { what: string; onHide(reason: string): void; onCancel(): void; explanation?: string }) {
  const [reason, setReason] = useState('');
  const id = useId();
  return (
    <ConfirmDialog title={`Hide this ${props.what} from students?`} confirmLabel="Hide" danger onConfirm={() => props.onHide(reason.trim())} onCancel={props.onCancel}>
      <p>{props.explanation ?? 'Students see only that it was hidden. Its author still sees it, with your reason, and is notified.'}</p>
      <label htmlFor={id}>Reason (shown to the author)</label>
      <textarea id={id} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={500} autoFocus />
    </ConfirmDialog>
  );
}
