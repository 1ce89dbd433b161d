import { describe, expect, it } from 'vitest';
import { seminarRoomName, setSpotlight, readSpotlights } from '~/lib/seminar/model';
import { sql } from '../../db/sql';
import { appHarness } from '../helpers/app-harness';
import { comparison } from '../helpers/comparison';
import { createSeminar } from '../helpers/fixtures';
import { formData as form } from '../helpers/forms';
import { allSynced, eventually, refusalsOf } from '../helpers/sync-clients';

const h = appHarness();

const page = async (response: Response) => (await response.text()).replaceAll('<!-- -->', '');
const liveIn = async (courseId: string) => (await sql<{ id: string }[]>`SELECT id FROM seminars WHERE course_id = ${courseId} AND ended_at IS NULL`)[0]?.id;

describe('a seminar’s life', () => {
  it('an instructor starts one (one live per course), members see it and join, only an instructor ends it, and its record says who joined', async () => {
    const c = await comparison();
    const [ana, ben] = c.students;
    const course = `/c/${c.course.id}`;
    const start = { intent: 'start', documentId: c.memo };

    // Students do not lead; a source of no course of the instructor's is refused.
    expect((await h.as(ana!).post(`${course}/seminar`, form(start))).status).toBe(403);
    const elsewhere = await createSeminar([]);
    const foreign = await h.as(c.instructor).post(`${course}/seminar`, form({ intent: 'start', documentId: elsewhere.documentId }));
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain('no such source');
    expect(await liveIn(c.course.id)).toBeUndefined();

    const started = await h.as(c.instructor).post(`${course}/seminar`, form(start));
    expect(started.status).toBe(302);
    expect(started.headers.get('location')).toBe(`${course}/d/${c.memo}`);
    const seminarId = (await liveIn(c.course.id))!;
    // At most one at a time.
    const again = await h.as(c.instructor).post(`${course}/seminar`, form({ intent: 'start', documentId: c.documentId }));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('A seminar is already live');

    // Every page of the course shows the banner; a member of another course learns nothing of it.
    expect(await page(await h.as(ana!).get(`${course}/board`))).toContain('Seminar on <strong>Purge memo</strong> is live');
    expect((await h.as(elsewhere.instructor).get(`${course}/seminar`)).status).toBe(404);
    expect(await page(await h.as(elsewhere.instructor).get(`/c/${elsewhere.course.id}`))).not.toContain('Purge memo');

    const joined = await h.as(ana!).post(`${course}/seminar`, form({ intent: 'join', seminarId }));
    expect(joined.headers.get('location')).toBe(`${course}/d/${c.memo}`);
    expect(((await (await h.as(ana!).get(`${course}/seminar`)).json()) as { seminar: { joined: boolean } }).seminar.joined).toBe(true);
    expect(((await (await h.as(ben!).get(`${course}/seminar`)).json()) as { seminar: { joined: boolean } }).seminar.joined).toBe(false);

    // A student cannot end it; a stale seminar id is said to have ended.
    expect((await h.as(ana!).post(`${course}/seminar`, form({ intent: 'end', seminarId }))).status).toBe(403);
    expect((await h.as(c.instructor).post(`${course}/seminar`, form({ intent: 'end', seminarId: crypto.randomUUID() }))).status).toBe(409);
    expect(await liveIn(c.course.id)).toBe(seminarId);
    const ended = await h.as(c.instructor).post(`${course}/seminar`, form({ intent: 'end', seminarId }));
    expect(ended.headers.get('location')).toBe(`${course}/seminars/${seminarId}`);
    expect(await liveIn(c.course.id)).toBeUndefined();
    expect(await page(await h.as(ben!).get(`${course}/board`))).not.toContain('is live');
    expect((await h.as(ana!).post(`${course}/seminar`, form({ intent: 'join', seminarId }))).status).toBe(409);

    // The record: Ana joined, Ben did not; members read it, others do not find it.
    const record = await page(await h.as(ben!).get(`${course}/seminars/${seminarId}`));
    expect(record).toContain('Joined (1)');
    const attendance = /<ul class="attendance">(.*?)<\/ul>/s.exec(record)?.[1] ?? '';
    expect(attendance).toContain('Ana');
    expect(attendance).not.toContain('Ben');
    expect((await h.as(elsewhere.instructor).get(`${course}/seminars/${seminarId}`)).status).toBe(404);
    // Posting the record remembers the thread (instructors only, once ended).
    expect((await h.as(ana!).post(`${course}/seminars/${seminarId}`, form({ thread: `${c.instructor.id}:t1` }))).status).toBe(403);
    expect((await h.as(c.instructor).post(`${course}/seminars/${seminarId}`, form({ thread: 'nonsense' }))).status).toBe(400);
    expect((await h.as(c.instructor).post(`${course}/seminars/${seminarId}`, form({ thread: `${c.instructor.id}:t1` }))).status).toBe(200);
    expect(await page(await h.as(c.instructor).get(`${course}/seminars/${seminarId}`))).toContain('Posted to the board');

    // And another can start now.
    expect((await h.as(c.instructor).post(`${course}/seminar`, form({ intent: 'start', documentId: c.documentId }))).status).toBe(302);
  });
});

describe('the seminar room', () => {
  it('only instructors spotlight (a student’s crafted spotlight is refused) and the spotlights are kept for the record', async () => {
    const c = await comparison();
    const [ana] = c.students;
    await h.as(c.instructor).post(`/c/${c.course.id}/seminar`, form({ intent: 'start', documentId: c.memo }));
    const seminarId = (await liveIn(c.course.id))!;
    const room = seminarRoomName(c.course.id);
    const [teacher, student] = [h.join(c.instructor, room), h.join(ana!, room)];
    await allSynced(teacher, student);

    // A student writing a spotlight (in their own branch, the only place they could) is refused; nobody receives it.
    const refusals = refusalsOf(student);
    setSpotlight(student.doc, ana!.id, seminarId, { type: 'passage', documentId: c.memo, version: 1, start: 0, end: 12, quote: 'The Presidium' });
    await eventually('refused', () => refusals.length > 0);
    expect(refusals[0]).toMatch(/write refused/);

    // The instructor's spotlight reaches the class and is projected for the record, and so is its clearing.
    setSpotlight(teacher.doc, c.instructor.id, seminarId, { type: 'passage', documentId: c.memo, version: 1, start: 30, end: 39, quote: 'Khrushchev' });
    await eventually('the class sees it', () => readSpotlights(student.doc).some((s) => s.target?.quote === 'Khrushchev'));
    expect(readSpotlights(student.doc).every((s) => s.authorId === c.instructor.id)).toBe(true);
    setSpotlight(teacher.doc, c.instructor.id, seminarId, null, Date.now() + 1);
    await eventually('projected', async () => (await sql`SELECT 1 FROM seminar_spotlights WHERE seminar_id = ${seminarId}`).length === 2);
    const record = await page(await h.as(ana!).get(`/c/${c.course.id}/seminars/${seminarId}`));
    expect(record).toContain('Passage in Purge memo: <q>Khrushchev</q>');
    expect(record).toContain('Spotlight cleared');
  });

  it('relays an instructor’s lead to the class, and drops a student’s (a student cannot move the class)', async () => {
    const c = await comparison();
    const [ana, ben] = c.students;
    await h.as(c.instructor).post(`/c/${c.course.id}/seminar`, form({ intent: 'start', documentId: c.memo }));
    const seminarId = (await liveIn(c.course.id))!;
    const room = seminarRoomName(c.course.id);
    const [teacher, impostor, classmate] = [h.join(c.instructor, room), h.join(ana!, room), h.join(ben!, room)];
    await allSynced(teacher, impostor, classmate);
    const leadOf = (client: typeof teacher) => (classmate.sync.provider.awareness.getStates().get(client.doc.clientID) as { lead?: { at: { block: number }[] } } | undefined)?.lead;
    const modeOf = (client: typeof teacher) => (classmate.sync.provider.awareness.getStates().get(client.doc.clientID) as { seminarMode?: string } | undefined)?.seminarMode;

    impostor.sync.provider.awareness.setLocalState({ lead: { seminarId, at: [{ documentId: c.memo, block: 7, offset: 0 }] }, seminarMode: 'follow' });
    teacher.sync.provider.awareness.setLocalState({ lead: { seminarId, at: [{ documentId: c.memo, block: 2, offset: 0.5 }] } });
    await eventually('the instructor’s lead arrives', () => leadOf(teacher)?.at[0]?.block === 2);
    // The student's whole entry was dropped, lead and all: it never reached the class.
    expect(leadOf(impostor)).toBeUndefined();
    expect(modeOf(impostor)).toBeUndefined();
    // Without a lead, the same student's mode does reach the class (the leader counts it).
    impostor.sync.provider.awareness.setLocalState({ seminarMode: 'own' });
    await eventually('the student’s mode arrives', () => modeOf(impostor) === 'own');
    expect(leadOf(impostor)).toBeUndefined();
  });
});
