/**
 * "Post to the board": writes the seminar's record as a thread of the instructor's in the board room (the
 * same write, checked by the same rules, as a thread started on the board), waits until the server has
 * stored it, tells the record's route which thread it is, and opens it. Once posted, links to it instead.
 */
import { Link, useFetcher, useNavigate } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { entryKey, writePost } from '~/lib/board/model';
import { useRoom } from '~/lib/notes/use-room';
import { roomName } from '~/lib/rooms/names';

type Props = { courseId: string; seminarId: string; me: string; thread: { title: string; body: string }; postedThread: string | null };

export function PostRecordButton({ courseId, seminarId, me, thread, postedThread }: Props) {
  const [posting, setPosting] = useState<string | null>(null);
  const room = useRoom(postedThread ? null : roomName({ kind: 'board', courseId }), me);
  const fetcher = useFetcher<{ ok?: boolean; error?: string }>();
  const navigate = useNavigate();
  const boardHref = (key: string) => `/c/${courseId}/board?thread=${encodeURIComponent(key)}`;

  // Stored by the server (nothing pending): remember it, then open the thread.
  useEffect(() => {
    if (posting && room?.pending === 0 && room.status === 'connected' && fetcher.state === 'idle' && !fetcher.data) {
      fetcher.submit({ thread: posting }, { method: 'post' });
    }
  }, [posting, room?.pending, room?.status, fetcher]);
  const opened = fetcher.data?.ok === true;
  useEffect(() => {
    if (posting && opened) navigate(boardHref(posting));
    // (Once: a navigation re-renders this, and navigating again would restart it.)
  }, [opened]); // eslint-disable-line react-hooks/exhaustive-deps -- once, when the thread is remembered

  if (postedThread) {
    return (
      <p className="notice" role="status">
        Posted to the board: <Link to={boardHref(postedThread)}>open the thread</Link>.
      </p>
    );
  }
  const ready = room?.synced === true;
  const post = () => {
    if (!room || posting) return;
    const id = crypto.randomUUID();
    const now = Date.now();
    writePost(room.doc, me, {
      id, kind: 'thread', title: thread.title, body: thread.body, threadId: null, threadAuthorId: null, parentId: null, parentAuthorId: null,
      link: { href: `/c/${courseId}/seminars/${seminarId}`, label: 'Seminar record' }, createdAt: now, updatedAt: now, deleted: false,
    });
    setPosting(entryKey(me, id));
  };
  return (
    <div className="post-record">
      <button type="button" onClick={post} disabled={!ready || posting !== null}>
        {posting ? 'Posting…' : ready ? 'Post to the board' : 'Connecting to the board…'}
      </button>
      {room?.notice ? (
        <p className="form-error" role="alert">
          {room.notice}
        </p>
      ) : null}
      {fetcher.data?.error ? (
        <p className="form-error" role="alert">
          {fetcher.data.error}
        </p>
      ) : null}
    </div>
  );
}
