import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addNote } from '~/lib/notes/model';
import { projectStoredRoom } from '../../server/sync/rebuild';
import { appendUpdates } from '../../server/sync/persistence';
import { sql } from '../../db/sql';
import { createSeminar } from '../helpers/fixtures';

describe('projecting a large room', () => {
  it('writes a room of 5,000 notes (over PostgreSQL’s 65,535 parameters in one statement) in full', async () => {
    const { course, documentId, students: [ana] } = await createSeminar(['Ana']);
    const room = `doc:${course.id}:${documentId}`;
    const doc = new Y.Doc();
    doc.transact(() => {
      for (let i = 0; i < 5000; i++) {
        addNote(doc, ana!.id, { id: crypto.randomUUID(), kind: 'note', parentId: null, parentAuthorId: null, body: `Note ${i}`, tags: [], selectors: null, documentVersion: 1, createdAt: i, updatedAt: i, deleted: false });
      }
    });
    await appendUpdates([{ room, update: Y.encodeStateAsUpdate(doc), userId: ana!.id }]);
    expect(await projectStoredRoom(room)).toBe(5000);
    const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM notes WHERE room = ${room}`;
    expect(row!.n).toBe(5000);
  });
});
