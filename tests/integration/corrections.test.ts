import { describe, expect, it } from 'vitest';
import { importDocument } from '~/lib/sources/import.server';
import { sql } from '../../db/sql';
import { appHarness } from '../helpers/app-harness';
import { comparison, addMemo } from '../helpers/comparison';
import { formData as form } from '../helpers/forms';

const h = appHarness();

const TEXT = ['The attempted coup against Khrushchov In7 had its antecedents.', 'Halenkov, Molotov and Kaganovich lost the vote.', 'Shepilov joined them.'].join('\n\n');
const page = async (response: Response) => (await response.text()).replaceAll('<!-- -->', '');
const at = (phrase: string) => ({ start: TEXT.indexOf(phrase), end: TEXT.indexOf(phrase) + phrase.length });

describe('suggested corrections', () => {
  it('members suggest, see only their own; instructors accept several as one new version (one edited), reject with a reason, and the proposers are told', async () => {
    const c = await comparison();
    const [ana, ben] = c.students;
    const { documentId } = await addMemo(c, TEXT, 'memo-c');
    const path = `/c/${c.course.id}/d/${documentId}/corrections`;
    const propose = (who: typeof ana, fields: Record<string, string | number>) => h.as(who!).post(path, form({ intent: 'propose', version: 1, ...fields }));

    // Bad suggestions are refused with every problem said, and nothing is stored.
    const bad = await propose(ana, { start: 5, end: 2, proposed: ' ' });
    expect(bad.status).toBe(400);
    const said = await bad.text();
    expect(said).toContain('Select the passage to correct.');
    expect(said).toContain('Write what the passage should say.');
    expect((await propose(ana, { ...at('Halenkov'), proposed: 'Halenkov' })).status).toBe(400);
    expect((await propose(ana, { ...at('Halenkov'), proposed: 'x'.repeat(5_001) })).status).toBe(400);
    expect((await propose(ana, { ...at('Halenkov'), proposed: 'Malenkov', version: 9 })).status).toBe(404);
    expect(await sql`SELECT 1 FROM corrections WHERE document_id = ${documentId}`).toHaveLength(0);

    // The passage is the server's, whatever quote a client might claim.
    expect((await propose(ana, { ...at('Halenkov'), proposed: 'Malenkov', reason: 'OCR: H for M', quote: 'something else' })).status).toBe(200);
    expect((await propose(ana, { ...at('Khrushchov In7'), proposed: 'Khrushchev in 1957' })).status).toBe(200);
    expect((await propose(ben, { ...at('Shepilov joined them.'), proposed: 'Shepilov joined them later.' })).status).toBe(200);
    const [stored] = await sql<{ quote: string }[]>`SELECT quote FROM corrections WHERE document_id = ${documentId} AND proposed = 'Malenkov'`;
    expect(stored!.quote).toBe('Halenkov');

    // Students see their own suggestions only, and cannot decide.
    const anaPage = await page(await h.as(ana!).get(path));
    expect(anaPage).toContain('Your suggested corrections');
    expect(anaPage).toContain('Malenkov');
    expect(anaPage).not.toContain('later.');
    const ids = await sql<{ id: string; proposed: string }[]>`SELECT id, proposed FROM corrections WHERE document_id = ${documentId} ORDER BY created_at`;
    const id = (proposed: string) => ids.find((r) => r.proposed === proposed)!.id;
    expect((await h.as(ana!).post(path, form({ intent: 'accept', accept: id('Malenkov'), [`text-${id('Malenkov')}`]: 'Malenkov' }))).status).toBe(403);

    // The instructor's queue holds all three; a rejection needs a reason.
    const queue = await page(await h.as(c.instructor).get(path));
    expect(queue).toContain('Suggested corrections');
    expect(queue).toContain('later.');
    expect(queue).toContain('OCR: H for M');
    const noReason = await h.as(c.instructor).post(path, form({ intent: 'reject', id: id('Shepilov joined them later.'), [`reason-${id('Shepilov joined them later.')}`]: ' ' }));
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('Say why, for its author.');
    const rejected = await h.as(c.instructor).post(path, form({ intent: 'reject', id: id('Shepilov joined them later.'), [`reason-${id('Shepilov joined them later.')}`]: 'The original says no such thing.' }));
    expect(rejected.status).toBe(200);

    // Two accepted at once, one edited first: one new version with both.
    const accepted = await h.as(c.instructor).post(
      path,
      form({ intent: 'accept', accept: [id('Malenkov'), id('Khrushchev in 1957')], [`text-${id('Malenkov')}`]: 'Malenkov', [`text-${id('Khrushchev in 1957')}`]: 'Khrushchev in June 1957' }),
    );
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get('location')).toBe(`/c/${c.course.id}/d/${documentId}?published=2`);
    const [v2] = await sql<{ body: string }[]>`SELECT body FROM document_versions WHERE document_id = ${documentId} AND version = 2`;
    expect(v2!.body).toBe(TEXT.replace('Halenkov', 'Malenkov').replace('Khrushchov In7', 'Khrushchev in June 1957'));
    // Decided once: accepting again changes nothing.
    expect((await h.as(c.instructor).post(path, form({ intent: 'accept', accept: id('Malenkov'), [`text-${id('Malenkov')}`]: 'Malenkov' }))).status).toBe(409);
    expect(await sql`SELECT 1 FROM document_versions WHERE document_id = ${documentId} AND version > 2`).toHaveLength(0);

    // Each proposer is told, and sees what became of theirs.
    const told = await sql<{ user_id: string; title: string; excerpt: string }[]>`SELECT user_id, title, excerpt FROM notifications WHERE course_id = ${c.course.id} AND kind = 'correction' ORDER BY title`;
    expect(told).toEqual([
      { user_id: ana!.id, title: 'Your correction to “June memo” is in version 2', excerpt: expect.any(String) },
      { user_id: ana!.id, title: 'Your correction to “June memo” is in version 2', excerpt: expect.any(String) },
      { user_id: ben!.id, title: 'Your correction to “June memo” was not accepted', excerpt: 'The original says no such thing.' },
    ]);
    const benPage = await page(await h.as(ben!).get(path));
    expect(benPage).toContain('not accepted: The original says no such thing.');
    expect(await page(await h.as(ana!).get(path))).toContain('accepted in ');
  });

  it('refuses to apply a suggestion whose passage a newer version changed, naming it, and publishes nothing', async () => {
    const c = await comparison();
    const [ana] = c.students;
    const { documentId, meta } = await addMemo(c, TEXT, 'memo-s');
    const path = `/c/${c.course.id}/d/${documentId}/corrections`;
    expect((await h.as(ana!).post(path, form({ intent: 'propose', version: 1, ...at('Halenkov'), proposed: 'Malenkov' }))).status).toBe(200);
    await importDocument({ meta, text: TEXT.replace('Halenkov, Molotov and Kaganovich lost the vote.', 'They lost the vote.'), createdBy: c.instructor.id });
    const [row] = await sql<{ id: string }[]>`SELECT id FROM corrections WHERE document_id = ${documentId}`;
    const id = row!.id;
    expect(await page(await h.as(c.instructor).get(path))).toContain('its passage is no longer in the newest text');
    const refused = await h.as(c.instructor).post(path, form({ intent: 'accept', accept: id, [`text-${id}`]: 'Malenkov' }));
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Its passage is no longer in the newest text');
    expect(await sql`SELECT 1 FROM document_versions WHERE document_id = ${documentId} AND version > 2`).toHaveLength(0);
  });
});
