import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, deleteNote, readNotes, updateNote, type NoteEntry } from '~/lib/notes/model';

const entry = (id: string, body = `Body of ${id}`): NoteEntry => ({
  id, kind: 'note', parentId: null, parentAuthorId: null, body, tags: ['factions'], selectors: null,
  documentVersion: 1, createdAt: 1, updatedAt: 1, deleted: false,
});

describe('notes in a room', () => {
  it('reads back what was added, edited and deleted', () => {
    const doc = new Y.Doc();
    addNote(doc, 'ana', entry('n1'));
    addNote(doc, 'ana', entry('n2'));
    updateNote(doc, 'ana', 'n1', { body: 'Edited', tags: ['sources'] });
    deleteNote(doc, 'ana', 'n2');
    const [n1, n2] = readNotes(doc).sort((a, b) => a.id.localeCompare(b.id));
    expect(n1).toMatchObject({ id: 'n1', authorId: 'ana', body: 'Edited', tags: ['sources'], deleted: false });
    expect(n2).toMatchObject({ id: 'n2', body: '', tags: [], deleted: true });
  });

  it('keeps an unchanged note the same object, so its card is not re-rendered', () => {
    const doc = new Y.Doc();
    addNote(doc, 'ana', entry('n1'));
    addNote(doc, 'ana', entry('n2'));
    const before = readNotes(doc);
    updateNote(doc, 'ana', 'n2', { body: 'Changed' });
    const after = readNotes(doc);
    expect(after.find((n) => n.id === 'n1')).toBe(before.find((n) => n.id === 'n1'));
    expect(after.find((n) => n.id === 'n2')).not.toBe(before.find((n) => n.id === 'n2'));
  });

  it('still reads rooms written with a Y.Map per note, and follows their edits', () => {
    const doc = new Y.Doc();
    const legacy = new Y.Map<unknown>();
    doc.transact(() => {
      for (const [key, value] of Object.entries(entry('old'))) legacy.set(key, value);
      doc.getMap('u:ben').set('old', legacy);
    });
    expect(readNotes(doc)).toMatchObject([{ id: 'old', authorId: 'ben', body: 'Body of old' }]);
    updateNote(doc, 'ben', 'old', { body: 'Edited since' });
    expect(readNotes(doc)).toMatchObject([{ id: 'old', body: 'Edited since' }]);
  });

  it('ignores what is not a note: broken JSON, wrong shapes, an id that does not match its key', () => {
    const doc = new Y.Doc();
    const branch = doc.getMap('u:eve');
    branch.set('a', '{not json');
    branch.set('b', JSON.stringify({ id: 'b', body: 42 }));
    branch.set('c', JSON.stringify(entry('not-c')));
    branch.set('d', 17);
    addNote(doc, 'eve', entry('good'));
    expect(readNotes(doc).map((n) => n.id)).toEqual(['good']);
  });
});
