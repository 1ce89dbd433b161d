import { describe, expect, it } from 'vitest';
import { describePassage } from '~/lib/anchoring/selectors';
import { addLink, linkEntry, readLinks, reattachLinkEnd, setLinkEndOverride } from '~/lib/compare/links';
import { addNote, readNotes, reattachNote, setAnchorOverride } from '~/lib/notes/model';
import { importDocument } from '~/lib/sources/import.server';
import { sql } from '../../db/sql';
import { appHarness } from '../helpers/app-harness';
import { comparison, addMemo } from '../helpers/comparison';
import { allSynced, eventually, refusalsOf } from '../helpers/sync-clients';

const h = appHarness();

const V1 = 'The Presidium met on 18 June.\n\nKhrushchov refused to resign, and the plenum was convened.';
const V2 = 'The Presidium met on 18 June.\n\nThe plenum was convened at once.';

describe('re-attaching someone else’s note', () => {
  it('an instructor places a student’s orphaned note on a new passage for the whole class (and the projection), a student cannot, and the author’s later choice wins', async () => {
    const c = await comparison();
    const [ana, ben] = c.students;
    const { documentId, meta } = await addMemo(c, V1, 'memo-r');
    const room = `doc:${c.course.id}:${documentId}`;
    const [author, teacher, classmate] = [h.join(ana!, room), h.join(c.instructor, room), h.join(ben!, room)];
    await allSynced(author, teacher, classmate);
    const at = V1.indexOf('Khrushchov refused to resign');
    addNote(author.doc, ana!.id, { id: 'n1', kind: 'note', parentId: null, parentAuthorId: null, body: 'Why refuse?', tags: [], selectors: describePassage(V1, at, at + 28), documentVersion: 1, createdAt: Date.now(), updatedAt: Date.now(), deleted: false });
    await importDocument({ meta, text: V2, createdBy: c.instructor.id });

    // A classmate may not write the class's moderation map: refused, and nobody receives it.
    const refusals = refusalsOf(classmate);
    const moved = V2.indexOf('The plenum was convened');
    setAnchorOverride(classmate.doc, { authorId: ana!.id, noteId: 'n1', selectors: describePassage(V2, moved, moved + 23), documentVersion: 2, by: ben!.id });
    await eventually('refused', () => refusals.length > 0);

    // The instructor re-attaches it: every reader places it there, and so does the notes table.
    await eventually('synced note', () => readNotes(teacher.doc).some((n) => n.id === 'n1'));
    setAnchorOverride(teacher.doc, { authorId: ana!.id, noteId: 'n1', selectors: describePassage(V2, moved, moved + 23), documentVersion: 2, by: c.instructor.id });
    await eventually('placed for the author', () => readNotes(author.doc).find((n) => n.id === 'n1')?.selectors?.quote.exact === 'The plenum was convened');
    await eventually('projected', async () => {
      const [row] = await sql<{ quote: string; document_version: number }[]>`SELECT quote, document_version FROM notes WHERE room = ${room} AND id = 'n1'`;
      return row?.quote === 'The plenum was convened' && row.document_version === 2;
    });
    expect(readNotes(author.doc).find((n) => n.id === 'n1')?.body).toBe('Why refuse?');

    // Its author then chooses another passage: theirs is the later choice, and it wins.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const own = V2.indexOf('The Presidium met');
    reattachNote(author.doc, ana!.id, 'n1', { selectors: describePassage(V2, own, own + 17), documentVersion: 2 });
    await eventually('the author’s choice', () => readNotes(teacher.doc).find((n) => n.id === 'n1')?.selectors?.quote.exact === 'The Presidium met');
    await eventually('projected again', async () => (await sql<{ quote: string }[]>`SELECT quote FROM notes WHERE room = ${room} AND id = 'n1'`)[0]?.quote === 'The Presidium met');
  });
});

describe('re-attaching someone else’s link end', () => {
  it('an instructor places the end of a student’s class link whose passage was dropped, for everyone and the projection; a student cannot; the author’s later change wins', async () => {
    const c = await comparison();
    const [ana, ben] = c.students;
    const { documentId, meta } = await addMemo(c, V1, 'memo-l');
    const [author, teacher, classmate] = [h.join(ana!, c.room), h.join(c.instructor, c.room), h.join(ben!, c.room)];
    await allSynced(author, teacher, classmate);
    const at = V1.indexOf('Khrushchov refused to resign');
    const old = describePassage(V1, at, at + 28);
    addLink(author.doc, ana!.id, linkEntry({ id: 'l1', relation: 'parallels', comment: '', ends: [{ source: documentId, version: 1, selector: [old.position, old.quote] }, c.cableEnd('a meeting was held')] }));
    await importDocument({ meta, text: V2, createdBy: c.instructor.id });
    const moved = V2.indexOf('The plenum was convened');
    const passage = describePassage(V2, moved, moved + 23);
    const newEnd = { source: documentId, version: 2, selector: [passage.position, passage.quote] as [typeof passage.position, typeof passage.quote] };
    const quoteA = async () => (await sql<{ quote_a: string }[]>`SELECT quote_a FROM evidence_links WHERE course_id = ${c.course.id} AND id = 'l1'`)[0]?.quote_a;
    await eventually('projected', async () => (await quoteA()) === 'Khrushchov refused to resign');

    const refusals = refusalsOf(classmate);
    setLinkEndOverride(classmate.doc, { authorId: ana!.id, linkId: 'l1', index: 0, end: newEnd, by: ben!.id });
    await eventually('refused', () => refusals.length > 0);

    await eventually('synced link', () => readLinks(teacher.doc).some((l) => l.id === 'l1'));
    setLinkEndOverride(teacher.doc, { authorId: ana!.id, linkId: 'l1', index: 0, end: newEnd, by: c.instructor.id });
    await eventually('placed for the author', () => readLinks(author.doc).find((l) => l.id === 'l1')?.target[0].selector[1].exact === 'The plenum was convened');
    expect(readLinks(author.doc).find((l) => l.id === 'l1')?.target[1].selector[1].exact).toBe('a meeting was held');
    await eventually('projected at the new passage', async () => (await quoteA()) === 'The plenum was convened');

    await new Promise((resolve) => setTimeout(resolve, 5));
    const own = V2.indexOf('The Presidium met');
    const mine = describePassage(V2, own, own + 17);
    reattachLinkEnd(author.doc, ana!.id, 'l1', 0, { source: documentId, version: 2, selector: [mine.position, mine.quote] });
    await eventually('the author’s choice', () => readLinks(teacher.doc).find((l) => l.id === 'l1')?.target[0].selector[1].exact === 'The Presidium met');
    await eventually('projected again', async () => (await quoteA()) === 'The Presidium met');
  });
});
