import { describe, expect, it } from 'vitest';
import { sql } from '../../db/sql';
import { addLink, deleteLink, linkEntry, setLinkHidden, updateLink, type LinkEnd } from '~/lib/compare/links';
import { rebuildProjections } from '../../server/sync/rebuild';
import { appHarness } from '../helpers/app-harness';
import { comparison } from '../helpers/comparison';
import { createSeminar } from '../helpers/fixtures';
import { allSynced, eventually, refusalsOf } from '../helpers/sync-clients';

const h = appHarness();

const synced = allSynced;

async function rowsOf(room: string) {
  return sql`SELECT author_id, id, visibility, relation, comment, source_a, block_a, quote_a, source_b, block_b, quote_b, hidden, hidden_reason, deleted
             FROM evidence_links WHERE room = ${room} ORDER BY author_id, id`;
}

describe('evidence links', () => {
  it('are projected within a second as they are made, edited, hidden and deleted, and a rebuild gives the same rows', async () => {
    const c = await comparison();
    const [ana, ben] = c.students as [(typeof c.students)[0], (typeof c.students)[0]];
    const a = h.join(ana, c.room);
    const b = h.join(ben, c.room);
    const t = h.join(c.instructor, c.room);
    await synced(a, b, t);
    addLink(a.doc, ana.id, linkEntry({ id: 'l1', relation: 'parallels', comment: 'Both leaders *refuse* to go.', ends: [c.memoEnd('Khrushchev refused to resign'), c.cableEnd('Kim Il Sung passed us')] }));
    await eventually('Ben has it live', () => b.doc.getMap(`u:${ana.id}`).has('l1'));
    await eventually('projected', async () => (await rowsOf(c.room)).length === 1, 2000);
    expect(await rowsOf(c.room)).toEqual([
      {
        author_id: ana.id, id: 'l1', visibility: 'class', relation: 'parallels', comment: 'Both leaders *refuse* to go.',
        source_a: c.memo, block_a: 2, quote_a: 'Khrushchev refused to resign', source_b: c.documentId, block_b: 2, quote_b: 'Kim Il Sung passed us',
        hidden: false, hidden_reason: null, deleted: false,
      },
    ]);
    // Stored as a W3C Web Annotation: linking, two targets, the relation a classifying body.
    const [stored] = await sql`SELECT ends FROM evidence_links WHERE id = 'l1'`;
    expect(stored!.ends[0]).toMatchObject({ source: c.memo, version: 1, selector: [{ type: 'TextPositionSelector' }, { type: 'TextQuoteSelector', exact: 'Khrushchev refused to resign' }] });

    updateLink(a.doc, ana.id, 'l1', { relation: 'contrasts with', comment: 'On second thought.' });
    await eventually('edit projected', async () => (await rowsOf(c.room))[0]!.relation === 'contrasts with', 2000);
    setLinkHidden(t.doc, { authorId: ana.id, linkId: 'l1', hidden: true, reason: 'off topic', by: c.instructor.id });
    await eventually('hide projected', async () => (await rowsOf(c.room))[0]!.hidden === true, 2000);
    addLink(b.doc, ben.id, linkEntry({ id: 'l2', relation: 'context for', comment: '', ends: [c.cableEnd('a meeting was held'), c.memoEnd('The Presidium met')] }));
    deleteLink(a.doc, ana.id, 'l1');
    await eventually('delete projected', async () => {
      const rows = await rowsOf(c.room);
      return rows.length === 2 && rows.some((r) => r.id === 'l1' && r.deleted && r.comment === '');
    }, 2000);

    const before = await rowsOf(c.room);
    await sql`DELETE FROM evidence_links`;
    await rebuildProjections();
    expect(await rowsOf(c.room)).toEqual(before);
  });

  it('never become rows when an end is not on a ¶ of the course’s sources or the relation is not the course’s', async () => {
    const c = await comparison();
    const [ana] = c.students;
    const elsewhere = await createSeminar(['Zoe']);
    const a = h.join(ana!, c.room);
    await synced(a);
    const good = c.memoEnd('The Presidium met');
    const past = { ...c.cableEnd('passed us the draft'), selector: [{ type: 'TextPositionSelector', start: 80, end: 9_999 }, c.cableEnd('passed us the draft').selector[1]] } as LinkEnd;
    const foreign = { ...c.cableEnd('a meeting was held'), source: elsewhere.documentId };
    const noVersion = { ...c.cableEnd('a meeting was held'), version: 7 };
    for (const [id, relation, ends] of [
      ['past', 'parallels', [good, past]],
      ['foreign', 'parallels', [good, foreign]],
      ['version', 'parallels', [noVersion, good]],
      ['relation', 'is exactly like', [good, c.cableEnd('a meeting was held')]],
      ['ok', 'responds to', [good, c.cableEnd('a meeting was held')]],
    ] as const) {
      addLink(a.doc, ana!.id, linkEntry({ id, relation, comment: '', ends: ends as unknown as [LinkEnd, LinkEnd] }));
    }
    await eventually('the good one projected', async () => (await rowsOf(c.room)).length > 0, 2000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await rowsOf(c.room)).map((r) => r.id)).toEqual(['ok']);
  });

  it('are written only in one’s own branch: another’s link, the moderation map as a student, or a malformed link are refused and go nowhere', async () => {
    const c = await comparison();
    const [ana, ben] = c.students as [(typeof c.students)[0], (typeof c.students)[0]];
    const a = h.join(ana, c.room);
    const b = h.join(ben, c.room);
    await synced(a, b);
    const refusals = refusalsOf(a);
    const stored = async () => (await sql`SELECT count(*)::int AS n FROM yjs_updates WHERE room = ${c.room}`)[0]!.n as number;
    const before = await stored();
    const link = linkEntry({ id: 'x', relation: 'parallels', comment: 'forged', ends: [c.memoEnd('The Presidium met'), c.cableEnd('a meeting was held')] });

    a.doc.getMap(`u:${ben.id}`).set('x', JSON.stringify(link));
    await eventually('refused', () => refusals.length === 1);
    expect(refusals[0]).toMatch(/^write refused: /);
    await synced(a);
    setLinkHidden(a.doc, { authorId: ben.id, linkId: 'y', hidden: true, reason: 'mine now', by: ana.id });
    await eventually('refused', () => refusals.length === 2);
    await synced(a);
    a.branch().set('bad', JSON.stringify({ ...link, id: 'bad', target: [link.target[0]] }));
    await eventually('refused', () => refusals.length === 3);
    expect(refusals[2]).toMatch(/^write refused: entry "bad": target/);
    await synced(a);
    a.branch().set('long', JSON.stringify({ ...link, id: 'long', body: [link.body[0], { ...link.body[1], value: 'x'.repeat(20_001) }] }));
    await eventually('refused', () => refusals.length === 4);
    expect(refusals[3]).toMatch(/^write refused: entry "long": body/);

    expect(await stored()).toBe(before);
    expect([...b.doc.getMap(`u:${ben.id}`).keys()]).toEqual([]);
    expect(b.doc.getMap('mod').size).toBe(0);
    expect(await rowsOf(c.room)).toEqual([]);
  });

  it('“Only me” links live in a room only their author can join, and are projected as private', async () => {
    const c = await comparison();
    const [ana, ben] = c.students as [(typeof c.students)[0], (typeof c.students)[0]];
    const own = `mylinks:${c.course.id}:${ana.id}`;
    const mine = h.join(ana, own);
    await synced(mine);
    addLink(mine.doc, ana.id, linkEntry({ id: 'p1', relation: 'parallels', comment: 'canary-private-link', ends: [c.memoEnd('The Presidium met'), c.cableEnd('a meeting was held')] }));
    await eventually('projected', async () => (await rowsOf(own)).length === 1, 2000);
    expect((await rowsOf(own))[0]).toMatchObject({ visibility: 'private', author_id: ana.id });
    for (const intruder of [ben, c.instructor]) {
      const tries = h.join(intruder, own);
      await eventually('told it is forbidden', () => tries.statuses.includes('forbidden'));
      expect(tries.doc.getMap(`u:${ana.id}`).size).toBe(0);
    }
    // The pages bring the links with them for their first paint: the same rule. A hidden class link
    // reaches its author and the instructors only; an "Only me" one its author only.
    const room = h.join(ana, c.room);
    const t = h.join(c.instructor, c.room);
    await synced(room, t);
    addLink(room.doc, ana.id, linkEntry({ id: 'h1', relation: 'parallels', comment: 'canary-hidden-link', ends: [c.memoEnd('Khrushchev refused'), c.cableEnd('passed us the draft')] }));
    await eventually('projected', async () => (await rowsOf(c.room)).length === 1, 2000);
    setLinkHidden(t.doc, { authorId: ana.id, linkId: 'h1', hidden: true, reason: 'no', by: c.instructor.id });
    await eventually('hidden projected', async () => (await rowsOf(c.room))[0]!.hidden, 2000);
    for (const path of [`/c/${c.course.id}/d/${c.memo}`, `/c/${c.course.id}/compare?left=${c.memo}&right=${c.documentId}`]) {
      const page = async (member: typeof ana) => (await h.as(member).get(path)).text();
      const [anas, bens, teachers] = [await page(ana), await page(ben), await page(c.instructor)];
      expect(anas).toContain('canary-private-link');
      expect(anas).toContain('canary-hidden-link');
      expect(bens).not.toContain('canary-private-link');
      expect(bens).not.toContain('canary-hidden-link');
      expect(teachers).not.toContain('canary-private-link');
      expect(teachers).toContain('canary-hidden-link');
    }
  });

  it('take their relation from the course’s list, which instructors edit: every problem said at once, a relation in use kept', async () => {
    const c = await comparison();
    const [ana] = c.students;
    const settings = `/c/${c.course.id}/settings`;
    const page = async (res: Response) => (await res.text()).replaceAll('<!-- -->', '');
    expect((await h.as(ana!).post(settings, { intent: 'save-relations', relations: 'echoes\nmirrors' })).status).toBe(403);

    const bad = await h.as(c.instructor).post(settings, { intent: 'save-relations', relations: `echoes\n${'x'.repeat(41)}\nechoes` });
    expect(bad.status).toBe(400);
    const badHtml = await page(bad);
    expect(badHtml).toContain('A relation is at most 40 characters');
    expect(badHtml).toContain('Listed twice: “echoes”.');

    const a = h.join(ana!, c.room);
    await synced(a);
    addLink(a.doc, ana!.id, linkEntry({ id: 'e1', relation: 'parallels', comment: '', ends: [c.memoEnd('The Presidium met'), c.cableEnd('a meeting was held')] }));
    await eventually('projected', async () => (await rowsOf(c.room)).length === 1, 2000);
    const dropping = await h.as(c.instructor).post(settings, { intent: 'save-relations', relations: 'echoes\nanswers' });
    expect(dropping.status).toBe(409);
    expect(await page(dropping)).toContain('Links already use “parallels” (1): keep it in the list.');

    const saved = await h.as(c.instructor).post(settings, { intent: 'save-relations', relations: ' parallels \n\nechoes\n' });
    expect(await page(saved)).toContain('Relations saved.');
    expect((await sql`SELECT link_relations FROM courses WHERE id = ${c.course.id}`)[0]!.link_relations).toEqual(['parallels', 'echoes']);
    // A link naming the new relation is a row; one naming a relation dropped from the list is not.
    addLink(a.doc, ana!.id, linkEntry({ id: 'e2', relation: 'echoes', comment: '', ends: [c.memoEnd('Khrushchev refused'), c.cableEnd('passed us the draft')] }));
    addLink(a.doc, ana!.id, linkEntry({ id: 'e3', relation: 'contradicts', comment: '', ends: [c.memoEnd('Khrushchev refused'), c.cableEnd('passed us the draft')] }));
    await eventually('projected', async () => (await rowsOf(c.room)).length === 2, 2000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await rowsOf(c.room)).map((r) => `${r.id} ${r.relation}`)).toEqual(['e1 parallels', 'e2 echoes']);
  });
});
