import { describe, expect, it } from 'vitest';
import { sql } from '../../db/sql';
import { parseEventDate } from '~/lib/compare/event-dates';
import { addTimelineEvent, TIMELINE_LIMITS, updateTimelineEvent, type EventInput } from '~/lib/compare/timeline';
import { setHidden } from '~/lib/notes/model';
import { importDocument } from '~/lib/sources/import.server';
import { rebuildProjections } from '../../server/sync/rebuild';
import { appHarness } from '../helpers/app-harness';
import { comparison } from '../helpers/comparison';
import { createMember } from '../helpers/fixtures';
import { allSynced, eventually, refusalsOf } from '../helpers/sync-clients';

const h = appHarness();

const when = (text: string) => {
  const parsed = parseEventDate(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

const eventsOf = (room: string) =>
  sql`SELECT author_id, id, label, to_char(start_date, 'YYYY-MM-DD') AS start, to_char(end_date, 'YYYY-MM-DD') AS "end", precision, case_id, block, quote, hidden, deleted
      FROM timeline_events WHERE room = ${room} ORDER BY start_date`;

/** The timeline page's HTML for `member`, with React's text separators taken out. */
async function page(member: Parameters<typeof h.as>[0], path: string) {
  const res = await h.as(member).get(path);
  return { status: res.status, html: (await res.text()).replaceAll('<!-- -->', '') };
}

describe('the timeline', () => {
  it('projects events as members add, edit, hide and delete them, and places each passage again in a source’s new version', async () => {
    const c = await comparison();
    const [ana] = c.students;
    const [t, a] = [h.join(c.instructor, c.room), h.join(ana!, c.room)];
    await allSynced(t, a);
    const event = (id: string, label: string, date: string, caseId: string | null, target: EventInput['target']): EventInput => ({ id, label, when: when(date), caseId, people: [], target });
    addTimelineEvent(a.doc, ana!.id, event('presidium', 'Presidium meets', '18 June 1957', c.cases[0]!.id, [c.memoEnd('Khrushchev refused to resign')]));
    addTimelineEvent(t.doc, c.instructor.id, event('cable', 'Meeting in Pyongyang', '22 September 1956', c.cases[1]!.id, [c.cableEnd('a meeting was held')]));
    addTimelineEvent(t.doc, c.instructor.id, event('speech', 'Secret Speech', '25 February 1956', null, [c.cableEnd('Kim Il Sung passed us the draft')]));
    await eventually('projected', async () => (await eventsOf(c.room)).length === 3);
    expect(await eventsOf(c.room)).toEqual([
      expect.objectContaining({ id: 'speech', start: '1956-02-25', end: null, precision: 'day', case_id: null, block: 2 }),
      expect.objectContaining({ id: 'cable', start: '1956-09-22', case_id: c.cases[1]!.id, block: 1 }),
      expect.objectContaining({ id: 'presidium', label: 'Presidium meets', case_id: c.cases[0]!.id, block: 2, quote: 'Khrushchev refused to resign' }),
    ]);
    updateTimelineEvent(a.doc, ana!.id, 'presidium', { label: 'The Presidium turns on Khrushchev', when: when('18–21 June 1957') });
    setHidden(t.doc, { authorId: c.instructor.id, noteId: 'cable', hidden: true, reason: 'wrong date', by: c.instructor.id });
    updateTimelineEvent(t.doc, c.instructor.id, 'speech', { deleted: true });
    await eventually('edited, hidden, deleted', async () => {
      const rows = await eventsOf(c.room);
      return rows.some((r) => r.end === '1957-06-21') && rows.some((r) => r.hidden) && rows.some((r) => r.deleted);
    });

    // Ben, a classmate: the hidden event and the deleted one are not his to see; Ana's is, at its ¶.
    const ben = c.students[1]!;
    const list = `/c/${c.course.id}/timeline?view=list`;
    const forBen = await page(ben, list);
    expect(forBen.status).toBe(200);
    expect(forBen.html).toContain('The Presidium turns on Khrushchev');
    expect(forBen.html).toContain('18–21 June 1957');
    expect(forBen.html).toMatch(/Purge memo ¶ 2</);
    expect(forBen.html).not.toContain('Meeting in Pyongyang');
    expect(forBen.html).not.toContain('Secret Speech');
    expect((await page(c.instructor, list)).html).toContain('Meeting in Pyongyang');

    // A new version of the memo with a paragraph before: the event's passage is now ¶ 3.
    await importDocument({
      meta: { slug: `memo-${c.course.id}`, title: 'Purge memo', kind: 'primary', genre: '', date: null, origin: '', textNote: '' },
      text: 'A note added by the archive.\n\nThe Presidium met on 18 June.\n\nKhrushchev refused to resign and the plenum was convened.\n',
      createdBy: c.instructor.id,
      courseId: c.course.id,
      caseId: c.cases[0]!.id,
    });
    expect((await page(ben, list)).html).toMatch(/Purge memo ¶ 3</);

    // A rebuild writes the same rows.
    const before = await eventsOf(c.room);
    await sql`DELETE FROM timeline_events WHERE room = ${c.room}`;
    await rebuildProjections();
    expect(await eventsOf(c.room)).toEqual(before);
  });

  it('refuses a malformed event, one in another’s branch, one moved to another passage, and one over a member’s limit: nothing stored', async () => {
    const c = await comparison();
    const [ana, ben] = c.students;
    const a = h.join(ana!, c.room);
    await allSynced(a);
    const refusals = refusalsOf(a);
    const good = { type: 'TimelineEvent', id: 'x', label: 'Presidium meets', when: { start: '1957-06-18', precision: 'day' }, case: c.cases[0]!.id, people: [], target: [c.memoEnd('Khrushchev refused to resign')], created: 1, modified: 1, deleted: false };
    addTimelineEvent(a.doc, ana!.id, { id: 'mine', label: 'Mine', when: when('1957'), caseId: null, people: [], target: [c.memoEnd('Khrushchev refused to resign')] });
    const attempts: [() => void, RegExp][] = [
      [() => a.doc.getMap(`u:${ana!.id}`).set('bad-date', JSON.stringify({ ...good, id: 'bad-date', when: { start: '1957-06-18', end: '1957-06-01', precision: 'day' } })), /the end is before the start/],
      [() => a.doc.getMap(`u:${ana!.id}`).set('no-label', JSON.stringify({ ...good, id: 'no-label', label: ' ' })), /label/],
      [() => a.doc.getMap(`u:${ana!.id}`).set('crowd', JSON.stringify({ ...good, id: 'crowd', people: Array.from({ length: TIMELINE_LIMITS.people + 1 }, () => ana!.id) })), /people/],
      [() => a.doc.getMap(`u:${ben!.id}`).set('forged', JSON.stringify({ ...good, id: 'forged' })), /^write refused: /],
      [() => a.doc.getMap(`u:${ana!.id}`).set('mine', JSON.stringify({ ...good, id: 'mine', target: [c.cableEnd('a meeting was held')] })), /cannot move to another source/],
    ];
    for (const [i, [attempt, reason]] of attempts.entries()) {
      attempt();
      await eventually(`refusal ${i + 1}`, () => refusals.length === i + 1);
      expect(refusals[i]).toMatch(reason);
    }
    await eventually('projected', async () => (await eventsOf(c.room)).length === 1);
    const stored = await sql<{ id: string; quote: string }[]>`SELECT id, quote FROM timeline_events WHERE room = ${c.room}`;
    expect(stored).toEqual([{ id: 'mine', quote: 'Khrushchev refused to resign' }]);
  });

  it('lets only instructors set the crisis days, says every problem at once, and shows nothing to those outside the course', async () => {
    const c = await comparison();
    const path = `/c/${c.course.id}/timeline`;
    const [moscow, pyongyang] = c.cases;
    const bad = await h.as(c.instructor).post(path, { [`crisis-${moscow!.id}`]: '31 June 1957', [`crisis-${pyongyang!.id}`]: 'August 1956' });
    expect(bad.status).toBe(400);
    const text = (await bad.text()).replaceAll('<!-- -->', '');
    expect(text).toContain('June 1957 has no day 31');
    expect(text).toContain('The crisis began on one day');
    expect((await sql`SELECT crisis_date FROM course_cases WHERE course_id = ${c.course.id} AND crisis_date IS NOT NULL`).length).toBe(0);
    expect((await h.as(c.instructor).post(path, { [`crisis-${moscow!.id}`]: '18 June 1957', [`crisis-${pyongyang!.id}`]: '1956-08-30' })).status).toBe(200);
    const days = await sql<{ d: string }[]>`SELECT to_char(crisis_date, 'YYYY-MM-DD') AS d FROM course_cases WHERE course_id = ${c.course.id} ORDER BY position`;
    expect(days.map((r) => r.d)).toEqual(['1957-06-18', '1956-08-30']);
    expect((await h.as(c.students[0]!).post(path, { [`crisis-${moscow!.id}`]: '1 January 1957' })).status).toBe(403);
    const stranger = await createMember('Stranger');
    expect((await h.as(stranger).get(path)).status).toBe(404);
  });
});
