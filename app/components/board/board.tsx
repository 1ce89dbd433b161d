import { Link, useSearchParams } from '@remix-run/react';
import { useMemo, useState } from 'react';
import { threadsOf } from '~/lib/board/model';
import { readModFlags, type ModFlag } from '~/lib/notes/model';
import { useRoom } from '~/lib/notes/use-room';
import { roomName } from '~/lib/rooms/names';
import { StatusChip } from '~/components/notes/status-chip';
import type { BoardProps, Context } from './context';
import { ThreadList } from './thread-list';
import { ThreadPage } from './thread-page';

/** The course board: threads live for everyone in the course, in the `board:<course>` room. */
export function Board(props: BoardProps) {
  const room = useRoom(roomName({ kind: 'board', courseId: props.courseId }), props.me.id);
  const [params] = useSearchParams();
  const selected = params.get('thread');
  const threads = useMemo(() => (room ? threadsOf(room.doc) : []), [room?.version]); // eslint-disable-line react-hooks/exhaustive-deps -- the room is a new object each render; its version moves with its contents
  const flags = useMemo(() => (room ? readModFlags(room.doc) : new Map<string, ModFlag>()), [room?.version]); // eslint-disable-line react-hooks/exhaustive-deps -- the room is a new object each render; its version moves with its contents
  const names = useMemo(() => new Map(props.members.map((m) => [m.id, m.name])), [props.members]);
  const instructors = useMemo(() => new Set(props.members.filter((m) => m.instructor).map((m) => m.id)), [props.members]);
  const [readNow, setReadNow] = useState<Record<string, number>>({});
  const reads = { ...props.reads, ...readNow };
  const here = typeof window === 'undefined' ? `/c/${props.courseId}/board` : window.location.pathname + window.location.search;

  if (!room || (!room.synced && !room.localLoaded)) {
    return (
      <div className="page narrow-wide board" data-sync="loading">
        <h1>Board</h1>
        <p className="empty" role="status">
          Loading the board…
        </p>
      </div>
    );
  }
  const context: Context = { courseId: props.courseId, room, me: props.me, isInstructor: props.isInstructor, members: props.members, names, instructors, flags };
  const view = selected ? threads.find((t) => t.thread.key === selected) : null;
  return (
    <div className="page narrow-wide board" data-sync={room.synced ? 'ready' : 'loading'}>
      <StatusChip
        status={room.status}
        pending={room.pending}
        signInHref={`/signin?reason=expired&redirectTo=${encodeURIComponent(here)}`}
        notice={room.notice}
        onDismissNotice={room.dismissNotice}
      />
      {selected ? (
        view ? (
          <ThreadPage courseId={props.courseId} view={view} context={context} onRead={(key) => setReadNow((r) => ({ ...r, [key]: Date.now() }))} />
        ) : (
          <div>
            <p className="breadcrumb">
              <Link to={`/c/${props.courseId}/board`}>← All threads</Link>
            </p>
            <p className="empty">{room.synced ? 'This thread does not exist, or was removed.' : 'Loading the thread…'}</p>
          </div>
        )
      ) : (
        <ThreadList courseId={props.courseId} threads={threads} reads={reads} context={context} linkTargets={props.linkTargets} />
      )}
    </div>
  );
}
