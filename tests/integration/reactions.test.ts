import { describe, expect, it } from 'vitest';
import { countReactions, reactionKey, readReactions, targetKey, toggleReaction } from '~/lib/notes/reactions';
import { appHarness } from '../helpers/app-harness';
import { createSeminar } from '../helpers/fixtures';
import { allSynced, eventually, refusalsOf } from '../helpers/sync-clients';

const h = appHarness();

describe('reactions', () => {
  it('one per member per kind on a note or a paragraph, counted live for the class, taken back by a second toggle', async () => {
    const s = await createSeminar(['Ana', 'Ben']);
    const [ana, ben] = s.students;
    const room = `doc:${s.course.id}:${s.documentId}`;
    const [a, b, t] = [h.join(ana!, room), h.join(ben!, room), h.join(s.instructor, room)];
    await allSynced(a, b, t);
    b.write('n1', 'Why did Kim wait until August?');
    const note = { type: 'note' as const, key: `${ben!.id}:n1` };
    const paragraph = { type: 'paragraph' as const, version: 1, number: 2 };
    const countsIn = (client: typeof a, target: typeof note | typeof paragraph) => countReactions(readReactions(client.doc), '').get(targetKey(target))?.counts;

    // Three members ask the same question about ¶ 2; Ana, twice (two tabs): still one of hers.
    toggleReaction(a.doc, ana!.id, paragraph, 'question');
    toggleReaction(b.doc, ben!.id, paragraph, 'question');
    toggleReaction(t.doc, s.instructor.id, paragraph, 'question');
    toggleReaction(a.doc, ana!.id, note, 'agree');
    toggleReaction(a.doc, ana!.id, note, 'question');
    await eventually('counted for Ben', () => countsIn(b, paragraph)?.question === 3 && countsIn(b, note)?.agree === 1 && countsIn(b, note)?.question === 1);
    const second = h.join(ana!, room);
    await allSynced(second);
    second.doc.getMap(`u:${ana!.id}`).set(reactionKey(paragraph, 'question'), JSON.stringify({ type: 'Reaction', id: reactionKey(paragraph, 'question'), kind: 'question', target: paragraph, at: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(countsIn(b, paragraph)).toEqual({ question: 3, agree: 0, disagree: 0 });

    // Taken back: the count falls for everyone.
    toggleReaction(a.doc, ana!.id, note, 'question');
    await eventually('taken back', () => countsIn(t, note)?.question === 0 && countsIn(t, note)?.agree === 1);
    expect(readReactions(t.doc).filter((r) => r.authorId === ana!.id)).toHaveLength(2);
  });

  it('refuses a reaction whose key does not name its target and kind (a second of one kind), and one in another member’s name', async () => {
    const s = await createSeminar(['Ana', 'Ben']);
    const [ana, ben] = s.students;
    const room = `doc:${s.course.id}:${s.documentId}`;
    const [a, b] = [h.join(ana!, room), h.join(ben!, room)];
    await allSynced(a, b);
    const paragraph = { type: 'paragraph' as const, version: 1, number: 1 };
    const refusals = refusalsOf(a);
    // A second "question" from Ana on ¶ 1 under another key would count twice: refused.
    a.doc.getMap(`u:${ana!.id}`).set('react:p:1.1:question-2', JSON.stringify({ type: 'Reaction', id: 'react:p:1.1:question-2', kind: 'question', target: paragraph, at: 1 }));
    await eventually('refused', () => refusals.length === 1);
    expect(refusals[0]).toContain('a reaction’s key must name its target and kind');
    // Under the right key but another kind than the key says: refused too.
    a.doc.getMap(`u:${ana!.id}`).set(reactionKey(paragraph, 'agree'), JSON.stringify({ type: 'Reaction', id: reactionKey(paragraph, 'agree'), kind: 'disagree', target: paragraph, at: 1 }));
    await eventually('refused again', () => refusals.length === 2);
    // In Ben's name: refused by the write rule.
    toggleReaction(a.doc, ben!.id, paragraph, 'agree');
    await eventually('refused a third time', () => refusals.length === 3);
    expect(refusals[2]).toMatch(/write refused/);
    // Nothing of it reached Ben; a note and a good reaction still do.
    a.write('n2', 'Still writing.');
    toggleReaction(a.doc, ana!.id, paragraph, 'agree');
    await eventually('the good ones arrive', () => readReactions(b.doc).length === 1 && b.doc.getMap(`u:${ana!.id}`).has('n2'));
    expect(readReactions(b.doc)[0]).toMatchObject({ kind: 'agree', authorId: ana!.id });
  });
});
