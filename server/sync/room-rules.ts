/**
 * Rules of particular kinds of room, checked after the structural write rule (write-rules.ts) on every
 * update that adds something. A rule answers why it refuses the update, or null.
 */
import * as Y from 'yjs';
import { postKey, readThreadSettings } from '../../app/lib/board/model';
import { parseRoomName, userBranch } from '../../app/lib/room-names';

/** `structs`: the update's, decoded once for the structural check. */
export type RoomRule = (doc: Y.Doc, structs: readonly (Y.Item | Y.GC | Y.Skip)[], userId: string) => string | null;

export function roomRuleFor(roomName: string): RoomRule | null {
  return parseRoomName(roomName)?.kind === 'board' ? lockedThreadReply : null;
}

/**
 * The board: no new replies in a locked thread. The structural check has already made sure every
 * item of the update is in the sender's own branch,
 * so each new string value in it is one of their posts; a new key holding a reply to a locked thread
 * is refused (editing a reply written before the lock stays allowed).
 */
function lockedThreadReply(doc: Y.Doc, structs: readonly (Y.Item | Y.GC | Y.Skip)[], userId: string): string | null {
  const branch = doc.getMap(userBranch(userId));
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny) || struct.parentSub === null) continue;
    if (branch.has(struct.parentSub)) continue; // an edit of an existing post
    for (const value of struct.content.getContent()) {
      if (typeof value !== 'string') continue;
      let post: { kind?: unknown; threadId?: unknown; threadAuthorId?: unknown };
      try {
        post = JSON.parse(value);
      } catch {
        continue; // not a post: readers ignore it
      }
      if (post.kind !== 'reply' || typeof post.threadId !== 'string' || typeof post.threadAuthorId !== 'string') continue;
      if (readThreadSettings(doc, postKey(post.threadAuthorId, post.threadId))?.locked) return 'the thread is locked: no new replies';
    }
  }
  return null;
}
