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
    // An evidence link too, with both its passages.
    setSpotlight(teacher.doc, c.instructor.id, seminarId, { type: 'link', key: `${c.instructor.id}:l1`, quote: 'Khrushchev ↔ a meeting was held', ends: [{ documentId: c.memo, version: 1, start: 30, end: 40, quote: 'Khrushchev' }, { documentId: c.documentId, version: 1, start: 21, end: 39, quote: 'a meeting was held' }] }, Date.now() + 1);
    setSpotlight(teacher.doc, c.instructor.id, seminarId, null, Date.now() + 2);
    await eventually('projected', async () => (await sql`SELECT 1 FROM seminar_spotlights WHERE seminar_id = ${seminarId}`).length === 3);
    const record = await page(await h.as(ana!).get(`/c/${c.course.id}/seminars/${seminarId}`));
    expect(record).toContain('Passage in Purge memo: <q>Khrushchev</q>');
    expect(record).toContain('Spotlight cleared');
    expect(record).toContain('Evidence link: <q>Khrushchev ↔ a meeting was held</q>');
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

describe('questions in a seminar', () => {
  it('an anonymous question carries no author to classmates (listing, record, board thread, sync frames); instructors see the name only if the course says so', async () => {
    const c = await comparison();
    const [ana, ben] = c.students;
    const course = `/c/${c.course.id}`;
    await h.as(c.instructor).post(`${course}/seminar`, form({ intent: 'start', documentId: c.memo }));
    const seminarId = (await liveIn(c.course.id))!;
    const questions = `${course}/seminars/${seminarId}/questions`;
    for (const member of [ana!, ben!]) await h.as(member).post(`${course}/seminar`, form({ intent: 'join', seminarId }));
    // Ben listens in the seminar room while Ana asks.
    const listening = h.join(ben!, seminarRoomName(c.course.id));
    await allSynced(listening);
    const framesBefore = listening.received.length;

    expect((await h.as(ana!).post(questions, form({ intent: 'ask', body: 'Why did Molotov not resign first?', anonymous: 'on' }))).status).toBe(200);
    expect((await h.as(ben!).post(questions, form({ intent: 'ask', body: 'Was the plenum packed?' }))).status).toBe(200);
    type Listing = { questions: { body: string; asker: string | null; mine: boolean; anonymous: boolean; answered: boolean; answer: string }[]; namedToInstructors: boolean };
    const list = async (member: typeof ana) => (await (await h.as(member!).get(questions)).json()) as Listing;

    // Ben sees Ana's question with no name, his own with his; nothing in the answer names or identifies her.
    const seenByBen = await h.as(ben!).get(questions);
    const text = await seenByBen.text();
    expect(text).not.toContain(ana!.id);
    expect(text).not.toContain(ana!.name);
    const benList = JSON.parse(text) as Listing;
    expect(benList.questions.map((q) => [q.body, q.asker, q.mine])).toEqual([
      ['Why did Molotov not resign first?', null, false],
      ['Was the plenum packed?', ben!.name, true],
    ]);
    // Ana sees hers as hers.
    expect((await list(ana)).questions[0]).toMatchObject({ asker: ana!.name, mine: true, anonymous: true });
    // The instructor: not named while the course keeps askers from instructors (the default), named once it allows it.
    expect((await list(c.instructor)).questions[0]!.asker).toBeNull();
    expect((await list(c.instructor)).namedToInstructors).toBe(false);
    await h.as(c.instructor).post(`${course}/settings`, form({ intent: 'save-seminars', instructorsSeeAskers: 'on' }));
    expect((await list(c.instructor)).questions[0]!.asker).toBe(ana!.name);
    expect((await list(ben)).questions[0]!.asker).toBeNull();

    // No sync frame Ben received since holds the question or its asker (questions never go through a room).
    const frames = Buffer.concat(listening.received.slice(framesBefore).map((f) => Buffer.from(f))).toString('latin1');
    expect(frames).not.toContain('Molotov');

    // Answered in writing; then the record and its board thread, as a classmate reads them.
    const [first] = await sql<{ id: string }[]>`SELECT id FROM seminar_questions WHERE seminar_id = ${seminarId} ORDER BY created_at LIMIT 1`;
    expect((await h.as(ben!).post(questions, form({ intent: 'answer', questionId: first!.id, answered: 'yes' }))).status).toBe(403);
    expect((await h.as(c.instructor).post(questions, form({ intent: 'answer', questionId: first!.id, answered: 'yes', answer: 'He hoped to win the plenum.' }))).status).toBe(200);
    expect((await list(ben)).questions[0]).toMatchObject({ answered: true, answer: 'He hoped to win the plenum.' });
    await h.as(c.instructor).post(`${course}/seminar`, form({ intent: 'end', seminarId }));
    const record = await page(await h.as(ben!).get(`${course}/seminars/${seminarId}`));
    const questionSection = /<ol class="question-record">(.*?)<\/ol>/s.exec(record)?.[1] ?? '';
    expect(questionSection).toContain('Why did Molotov not resign first?');
    expect(questionSection).toContain('Anonymous');
    expect(questionSection).not.toContain(ana!.name);
    expect(record).not.toContain(ana!.id);
    // The thread the instructor would post names nobody for it, even though instructors may see askers now.
    const teacherRecord = await page(await h.as(c.instructor).get(`${course}/seminars/${seminarId}`));
    const thread = /Why did Molotov not resign first\? \(([^)]*)\)/.exec(teacherRecord.replaceAll('\\\\', ''))?.[1];
    expect(thread).toBe('anonymous, answered');
  });

  it('answers bad questions with every reason and stores nothing; a member asks at most 20; nobody asks after the end or from another course', async () => {
    const c = await comparison();
    const [ana] = c.students;
    const course = `/c/${c.course.id}`;
    await h.as(c.instructor).post(`${course}/seminar`, form({ intent: 'start', documentId: c.memo }));
    const seminarId = (await liveIn(c.course.id))!;
    const questions = `${course}/seminars/${seminarId}/questions`;
    const count = async () => (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM seminar_questions WHERE seminar_id = ${seminarId}`)[0]!.n;

    const empty = await h.as(ana!).post(questions, form({ intent: 'ask', body: '   ' }));
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { fieldErrors: Record<string, string> }).fieldErrors.body).toBe('Write your question.');
    expect((await h.as(ana!).post(questions, form({ intent: 'ask', body: 'x'.repeat(1001) }))).status).toBe(400);
    expect((await h.as(ana!).post(questions, form({ intent: 'shout', body: 'Hello' }))).status).toBe(400);
    const stranger = (await createSeminar([])).instructor;
    expect((await h.as(stranger).post(questions, form({ intent: 'ask', body: 'Hello' }))).status).toBe(404);
    expect(await count()).toBe(0);

    for (let i = 0; i < 20; i++) expect((await h.as(ana!).post(questions, form({ intent: 'ask', body: `Question ${i}` }))).status).toBe(200);
    const more = await h.as(ana!).post(questions, form({ intent: 'ask', body: 'One more' }));
    expect(more.status).toBe(429);
    expect(await count()).toBe(20);

    await h.as(c.instructor).post(`${course}/seminar`, form({ intent: 'end', seminarId }));
    expect((await h.as(c.students[1]!).post(questions, form({ intent: 'ask', body: 'Too late?' }))).status).toBe(409);
    expect(await count()).toBe(20);
  });
});
