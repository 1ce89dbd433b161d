/** What the board's parts share: the board's props, the context each part is given, draft keys, times. */
import type { Member } from '~/lib/board/mentions';
import type { Post } from '~/lib/board/model';
import { draftKey } from '~/lib/drafts';
import type { ModFlag } from '~/lib/notes/model';
import type { LiveRoom } from '~/lib/notes/use-room';

export interface BoardProps {
  courseId: string;
  me: { id: string; name: string };
  isInstructor: boolean;
  members: Member[];
  linkTargets: { href: string; label: string }[];
  reads: Record<string, number>;
}

export interface Context {
  courseId: string;
  room: LiveRoom;
  me: BoardProps['me'];
  isInstructor: boolean;
  members: Member[];
  names: Map<string, string>;
  /** The course's instructors, marked beside their names. */
  instructors: ReadonlySet<string>;
  flags: Map<string, ModFlag>;
}

export function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

export const newThreadDraft = (courseId: string, userId: string, field: 'title' | 'body') => draftKey(userId, `board:${courseId}:new-thread:${field}`);
/** The thread's own reply box and a reply opened under a post are separate drafts, even for the thread post. */
export const replyDraft = (context: Context, parent: Post, underPost: boolean) =>
  draftKey(context.me.id, `board:${context.courseId}:${underPost ? 'reply-under' : 'reply'}:${parent.key}`);
