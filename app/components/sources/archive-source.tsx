/**
 * Retiring a source from the reader's header (instructors): "Archive this source…" asks first, then posts to
 * the archive route. An archived source says so to everyone, and offers instructors to restore it.
 */
import { Form, useNavigation, useSearchParams } from '@remix-run/react';
import { useRef, useState } from 'react';
import { ConfirmDialog } from '~/components/confirm-dialog';

const archivePath = (courseId: string, documentId: string) => `/c/${courseId}/d/${documentId}/archive`;

export function ArchiveButton(props: { courseId: string; documentId: string; title: string }) {
  const action = archivePath(props.courseId, props.documentId);
  const [confirming, setConfirming] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const busy = useNavigation().formAction === action;
  return (
    <>
      <Form method="post" action={action} ref={form} className="archive-form">
        <input type="hidden" name="intent" value="archive" />
        <button type="button" className="link-button" onClick={() => setConfirming(true)} disabled={busy}>
          {busy ? 'Archiving…' : 'Archive this source…'}
        </button>
      </Form>
      {/* (Outside the form: the dialog has a form of its own.) */}
      {confirming ? (
        <ConfirmDialog
          title={`Archive “${props.title}”?`}
          confirmLabel="Archive"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            form.current?.requestSubmit();
          }}
        >
          <p>
            It leaves the course home, the compare pickers and new assignments. Its notes, links and events are kept, assignments that already set it keep it, and you can
            restore it from the course home.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/** Under the header: that the source is archived (instructors may restore it), or that it was just restored. */
export function ArchiveNotice(props: { courseId: string; documentId: string; archived: boolean; isInstructor: boolean }) {
  const action = archivePath(props.courseId, props.documentId);
  const busy = useNavigation().formAction === action;
  const [params] = useSearchParams();
  if (!props.archived) {
    return params.get('restored') ? (
      <p className="notice" role="status">
        Restored: the source is back on the course home.
      </p>
    ) : null;
  }
  return (
    <div className="notice warning archived-notice" role="note">
      This source is archived: it is no longer on the course home or offered for new assignments. Its notes are kept.{' '}
      {props.isInstructor ? (
        <Form method="post" action={action} className="inline-form">
          <button type="submit" name="intent" value="restore" className="small secondary" disabled={busy}>
            {busy ? 'Restoring…' : 'Restore it'}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
