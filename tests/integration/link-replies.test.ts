import { describe, expect, it } from 'vitest';
import { sql } from '../../db/sql';
import { addLinkReply, updateLinkReply } from '~/lib/compare/link-replies';
import { addLink, deleteLink, linkEntry, setLinkHidden } from '~/lib/compare/links';
import { rebuildProjections } from '../../server/sync/rebuild';
import { appHarness } from '../helpers/app-harness';
import { comparison } from '../helpers/comparison';
import { allSynced, eventually, refusalsOf } from '../helpers/sync-clients';

const h = appHarness();

const synced = allSynced;

const repliesOf = (room: string) =>
  sql`SELECT author_id, id, link_author_id, link_id, body, hidden, hidden_reason, deleted FROM link_replies WHERE room = ${room} ORDER BY created_at, id`;

const notificationsOf = (userId: string) => sql`SELECT kind, actor_id, title, excerpt, link FROM notifications WHERE user_id = ${userId} ORDER BY created_at`;

describe('replies to an evidence link', () => {
  it('are projected as they are written, edited, hidden and deleted, tell the link’s author once, and a rebuild gives the same rows', async () => {
    const c = await comparison();
    const [ana, ben] = c.students as [(typeof c.students)[0], (typeof c.students)[0]];
    const a = h.join(ana, c.room);
    const b = h.join(ben, c.room);
    const t = h.join(c.instructor, c.room);
    await synced(a, b, t);
    addLink(a.doc, ana.id, linkEntry({ id: 'l1', relation: 'parallels', comment: 'Both refuse.', ends: [c.memoEnd('Khrushchev refused to resign'), c.cableEnd('Kim Il Sung passed us')] }));
    await eventually('Ben has the link', () => b.doc.getMap(`u:${ana.id}`).has('l1'));
    addLinkReply(b.doc, ben.id, { id: 'r1', link: { authorId: ana.id, id: 'l1' }, body: 'But Kim *won*.' });
    addLinkReply(a.doc, ana.id, { id: 'r2', link: { authorId: ana.id, id: 'l1' }, body: 'So did Khrushchev.' });
    await eventually('projected', async () => (await repliesOf(c.room)).length === 2, 2000);
    expect(await repliesOf(c.room)).toEqual([
      { author_id: ben.id, id: 'r1', link_author_id: ana.id, link_id: 'l1', body: 'But Kim *won*.', hidden: false, hidden_reason: null, deleted: false },
      { author_id: ana.id, id: 'r2', link_author_id: ana.id, link_id: 'l1', body: 'So did Khrushchev.', hidden: false, hidden_reason: null, deleted: false },
    ]);
    // Ana hears of Ben's reply (not of her own), with a way back to the link's discussion.
    await eventually('Ana told', async () => (await notificationsOf(ana.id)).length === 1, 2000);
    const [told] = await notificationsOf(ana.id);
    expect(told).toMatchObject({ kind: 'reply', actor_id: ben.id, title: 'replied to your evidence link “parallels”', excerpt: 'But Kim *won*.' });
    expect(told!.link).toBe(`/c/${c.course.id}/compare?left=${c.memo}&right=${c.documentId}&thread=${encodeURIComponent(`${ana.id}:l1`)}#left-b2,right-b2`);

    updateLinkReply(b.doc, ben.id, 'r1', { body: 'But Kim won, and purged them.' });
    await eventually('edit projected', async () => (await repliesOf(c.room))[0]!.body === 'But Kim won, and purged them.', 2000);
    setLinkHidden(t.doc, { authorId: ben.id, linkId: 'r1', hidden: true, reason: 'spoiler', by: c.instructor.id });
    await eventually('hide projected', async () => (await repliesOf(c.room))[0]!.hidden, 2000);
    updateLinkReply(a.doc, ana.id, 'r2', { deleted: true });
    await eventually('delete projected', async () => (await repliesOf(c.room))[1]!.deleted, 2000);
    expect((await repliesOf(c.room))[1]!.body).toBe('');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await notificationsOf(ana.id)).toHaveLength(1); // the edit told nobody again

    const before = await repliesOf(c.room);
    await sql`DELETE FROM link_replies`;
    await rebuildProjections();
    expect(await repliesOf(c.room)).toEqual(before);
  });

  it('answer a link of the room that is not deleted, never move, and are written only in one’s own branch: anything else is refused and goes nowhere', async () => {
    const c = await comparison();
    const [ana, ben] = c.students as [(typeof c.students)[0], (typeof c.students)[0]];
    const a = h.join(ana, c.room);
    const b = h.join(ben, c.room);
    await synced(a, b);
    addLink(a.doc, ana.id, linkEntry({ id: 'l1', relation: 'parallels', comment: '', ends: [c.memoEnd('The Presidium met'), c.cableEnd('a meeting was held')] }));
    addLink(a.doc, ana.id, linkEntry({ id: 'gone', relation: 'parallels', comment: '', ends: [c.memoEnd('The Presidium met'), c.cableEnd('a meeting was held')] }));
    deleteLink(a.doc, ana.id, 'gone');
    await eventually('Ben has the links', () => b.doc.getMap(`u:${ana.id}`).has('gone'));
    addLinkReply(b.doc, ben.id, { id: 'ok', link: { authorId: ana.id, id: 'l1' }, body: 'Agreed.' });
    await eventually('projected', async () => (await repliesOf(c.room)).length === 1, 2000);
    await synced(b);
    const refusals = refusalsOf(b);
    const stored = async () => (await sql`SELECT count(*)::int AS n FROM yjs_updates WHERE room = ${c.room}`)[0]!.n as number;
    const before = await stored();

    const tries: [string, () => void, RegExp][] = [
      ['a link that is not there (an “Only me” one lives elsewhere)', () => addLinkReply(b.doc, ben.id, { id: 'x1', link: { authorId: ana.id, id: 'private-one' }, body: 'Hi' }), /the link this replies to is not in the room/],
      ['a deleted link', () => addLinkReply(b.doc, ben.id, { id: 'x2', link: { authorId: ana.id, id: 'gone' }, body: 'Hi' }), /the link this replies to is not in the room/],
      ['moved to another link', () => b.branch().set('ok', JSON.stringify({ ...JSON.parse(b.branch().get('ok') as string), target: { author: ana.id, id: 'gone' } })), /cannot move to another link/],
      ['in another’s branch', () => addLinkReply(b.doc, ana.id, { id: 'x3', link: { authorId: ana.id, id: 'l1' }, body: 'Forged' }), /^write refused: /],
      ['too long', () => addLinkReply(b.doc, ben.id, { id: 'x4', link: { authorId: ana.id, id: 'l1' }, body: 'x'.repeat(20_001) }), /entry "x4": body/],
    ];
    for (const [what, write, expected] of tries) {
      write();
      await eventually(`refused: ${what}`, () => refusals.length === tries.indexOf(tries.find((t) => t[0] === what)!) + 1);
      expect(refusals.at(-1), what).toMatch(expected);
      await synced(b);
    }
    expect(await stored()).toBe(before);
    expect((await repliesOf(c.room)).map((r) => [r.id, r.link_id])).toEqual([['ok', 'l1']]);
    expect([...a.doc.getMap(`u:${ben.id}`).keys()]).toEqual(['ok']);

    // An "Only me" room holds links, never replies.
    const own = h.join(ana, `mylinks:${c.course.id}:${ana.id}`);
    await synced(own);
    const ownRefusals = refusalsOf(own);
    addLink(own.doc, ana.id, linkEntry({ id: 'p1', relation: 'parallels', comment: '', ends: [c.memoEnd('The Presidium met'), c.cableEnd('a meeting was held')] }));
    await synced(own);
    addLinkReply(own.doc, ana.id, { id: 'pr', link: { authorId: ana.id, id: 'p1' }, body: 'Note to self' });
    await eventually('refused', () => ownRefusals.length === 1);
    expect(ownRefusals[0]).toMatch(/^write refused: entry "pr"/);
  });
});
