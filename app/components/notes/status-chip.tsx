import type { SyncStatus } from '~/lib/sync-client';

const LABELS: Record<SyncStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  offline: 'Offline — reconnecting',
  'signed-out': 'Signed out',
  forbidden: 'No access',
  error: 'Sync error',
};

/**
 * Connected / reconnecting / offline, with the number of changes waiting to be sent, and why the
 * server last refused one of ours (`notice`), until dismissed.
 */
export function StatusChip({
  status,
  pending,
  signInHref,
  notice,
  onDismissNotice,
}: {
  status: SyncStatus;
  pending: number;
  signInHref: string;
  notice?: string | null;
  onDismissNotice?: () => void;
}) {
  return (
    <>
    <div className={`status-chip status-${status}`} role="status" aria-live="polite">
      <span className="dot" aria-hidden="true" />
      {LABELS[status]}
      {pending > 0 ? <span className="pending"> · {pending} change{pending === 1 ? '' : 's'} waiting</span> : null}
      {status === 'signed-out' ? (
        <>
          {' · '}
          <a href={signInHref}>Sign in again</a> (your notes are kept)
        </>
      ) : null}
    </div>
    {notice ? (
      <p className="sync-notice" role="alert">
        The server did not take your last change, so it was undone: {notice.replace(/^(write refused|not saved): /, '')}.{' '}
        <button type="button" className="link-button" onClick={onDismissNotice}>
          Dismiss
        </button>
      </p>
    ) : null}
    </>
  );
}
