import { describe, expect, it } from 'vitest';
import { parseAssignmentForm, parseFocus } from '~/lib/assignments/form';
import { citesTwoCases, joinsTwoCases, countWords, progressOf, type CountedNote, type Requirements } from '~/lib/assignments/progress';
import { cookieTimeZone, fromLocalInput, timeZoneOf, toLocalInput } from '~/lib/time-zone';

const due = new Date('2026-12-01T12:00:00Z');
const req = (r: Partial<Requirements> = {}): Requirements => ({ kind: 'reading', minNotes: 2, minReplies: 1, minLinks: 0, minMatrixEntries: 0, responseRequired: false, minWords: 0, dueAt: due, ...r });
const at = (iso: string) => new Date(iso);
const n = (id: string, createdAt: string, extra: Partial<CountedNote> = {}): CountedNote => ({
  id, authorId: 'ana', documentId: 'd-dprk', kind: 'note', parentAuthorId: null, body: '', tags: [], createdAt: at(createdAt), ...extra,
});
const cases = { of: new Map<string, string | null>([['d-dprk', 'case-dprk'], ['d-soviet', 'case-soviet'], ['d-both', null]]), all: ['case-soviet', 'case-dprk'] };

describe('assignment progress', () => {
  it('counts words in any script', () => {
    expect(countWords('Kim Il Sung moved first.')).toBe(5);
    expect(countWords('Хрущёв остался. 김일성은 살아남았다')).toBe(4);
    expect(countWords('  \n ')).toBe(0);
  });

  it('moves from not started to in progress to complete, and is late past due or when completed after it', () => {
    const base = { requirements: req(), cases, response: '', submittedAt: null };
    expect(progressOf({ ...base, written: [], now: at('2026-11-30T00:00:00Z') }).status).toBe('not-started');
    expect(progressOf({ ...base, written: [n('a', '2026-11-29T10:00:00Z')], now: at('2026-11-30T00:00:00Z') }).status).toBe('in-progress');
    const onTime = [n('a', '2026-11-29T10:00:00Z'), n('b', '2026-11-29T11:00:00Z'), n('r', '2026-11-30T09:00:00Z', { kind: 'reply', parentAuthorId: 'ben' })];
    const done = progressOf({ ...base, written: onTime, now: at('2026-12-05T00:00:00Z') });
    expect(done).toMatchObject({ status: 'complete', notes: 2, replies: 1, completedAt: at('2026-11-30T09:00:00Z') });
    expect(progressOf({ ...base, written: onTime.slice(0, 2), now: at('2026-12-02T00:00:00Z') }).status).toBe('late');
    const lateReply = [...onTime.slice(0, 2), n('r', '2026-12-01T13:00:00Z', { kind: 'reply', parentAuthorId: 'ben' })];
    expect(progressOf({ ...base, written: lateReply, now: at('2026-12-02T00:00:00Z') }).status).toBe('late');
  });

  it('does not count a reply to one’s own note', () => {
    const p = progressOf({ requirements: req(), cases, response: '', submittedAt: null, now: due, written: [n('r', '2026-11-29T10:00:00Z', { kind: 'reply', parentAuthorId: 'ana' })] });
    expect(p.replies).toBe(0);
  });

  it('needs a submitted response with enough words when one is asked for', () => {
    const r = req({ minNotes: 0, minReplies: 0, responseRequired: true, minWords: 3 });
    const now = at('2026-11-30T00:00:00Z');
    expect(progressOf({ requirements: r, cases, written: [], response: 'one two three', submittedAt: null, now }).status).toBe('in-progress');
    expect(progressOf({ requirements: r, cases, written: [], response: 'one two three', submittedAt: now, now }).status).toBe('complete');
  });

  it('a note joins two cases through a source of every case, or a link to a source of another case; a case tag does not', () => {
    expect(citesTwoCases(n('a', '2026-11-29T10:00:00Z'), cases)).toBe(false);
    expect(citesTwoCases(n('a', '2026-11-29T10:00:00Z', { tags: ['soviet-1957', 'Moscow, June 1957'] }), cases)).toBe(false);
    expect(citesTwoCases(n('a', '2026-11-29T10:00:00Z', { documentId: 'd-both' }), cases)).toBe(true);
    expect(citesTwoCases(n('a', '2026-11-29T10:00:00Z', { body: 'see /c/x/d/d-soviet' }), cases)).toBe(false); // not a document id
    const withId = { ...cases, of: new Map([...cases.of, ['4b0c1e2a-1111-4222-8333-944455556666', 'case-soviet']]) };
    expect(citesTwoCases(n('a', '2026-11-29T10:00:00Z', { body: 'see [memo](/c/x/d/4b0c1e2a-1111-4222-8333-944455556666)' }), withId)).toBe(true);
    // A link to a source of the same case, or of another course, joins nothing.
    const sameCase = { ...cases, of: new Map([...cases.of, ['4b0c1e2a-1111-4222-8333-944455556666', 'case-dprk']]) };
    expect(citesTwoCases(n('a', '2026-11-29T10:00:00Z', { body: 'see [memo](/c/x/d/4b0c1e2a-1111-4222-8333-944455556666)' }), sameCase)).toBe(false);
    expect(citesTwoCases(n('a', '2026-11-29T10:00:00Z', { body: 'see [memo](/c/x/d/5b0c1e2a-1111-4222-8333-944455556666)' }), withId)).toBe(false);
  });
});

describe('compare assignments', () => {
  it('count a link that joins two cases: sources of different cases, or one of every case; not within one case or outside the course', () => {
    expect(joinsTwoCases({ sourceA: 'd-dprk', sourceB: 'd-soviet' }, cases)).toBe(true);
    expect(joinsTwoCases({ sourceA: 'd-dprk', sourceB: 'd-both' }, cases)).toBe(true);
    expect(joinsTwoCases({ sourceA: 'd-dprk', sourceB: 'd-dprk' }, cases)).toBe(false);
    expect(joinsTwoCases({ sourceA: 'd-dprk', sourceB: 'elsewhere' }, cases)).toBe(false);
    const links = [
      { id: 'l1', sourceA: 'd-dprk', sourceB: 'd-dprk', createdAt: at('2026-11-29T10:00:00Z') },
      { id: 'l2', sourceA: 'd-soviet', sourceB: 'd-dprk', createdAt: at('2026-11-29T11:00:00Z') },
    ];
    const p = progressOf({ requirements: req({ kind: 'compare', minNotes: 0, minReplies: 0, minLinks: 1 }), cases, written: [], links, response: '', submittedAt: null, now: at('2026-11-30T00:00:00Z') });
    expect(p).toMatchObject({ links: 1, status: 'complete', completedAt: at('2026-11-29T11:00:00Z') });
  });

  it('counts matrix entries, met only once they are in at least two cases’ columns', () => {
    const e = (id: string, caseId: string, hour: number) => ({ id, caseId, createdAt: at(`2026-11-29T${String(hour).padStart(2, '0')}:00:00Z`) });
    const entries = [e('e1', 'case-soviet', 9), e('e2', 'case-soviet', 10), e('e3', 'case-soviet', 11), e('e4', 'case-dprk', 12)];
    const progress = (need: number, given = entries) =>
      progressOf({ requirements: req({ kind: 'compare', minNotes: 0, minReplies: 0, minMatrixEntries: need }), cases, written: [], entries: given, response: '', submittedAt: null, now: at('2026-11-30T00:00:00Z') });
    // Three entries in one column are not yet "three in at least two columns": the fourth, in the other, completes it.
    expect(progress(3)).toMatchObject({ entries: 4, entryColumns: 2, status: 'complete', completedAt: at('2026-11-29T12:00:00Z') });
    expect(progress(3, entries.slice(0, 3))).toMatchObject({ entries: 3, entryColumns: 1, status: 'in-progress', completedAt: null });
    // One entry asked for: one column is enough.
    expect(progress(1)).toMatchObject({ completedAt: at('2026-11-29T09:00:00Z') });
  });
});

describe('assignment form', () => {
  it('reports every field error of the assignment form in one pass', () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ title: '', prompt: 'Compare.', kind: 'reading', opensAt: '2026-12-10T10:00', dueAt: '2026-12-09T10:00', timeZone: 'Europe/Berlin', minNotes: '-1', minReplies: '0', minWords: '20' })) form.set(k, v);
    const result = parseAssignmentForm(form, [{ id: 'd1', blockCount: 10 }]);
    expect(result.ok).toBe(false);
    // (Before, a bad title or count hid the due date before the opening until the next submit.)
    expect(!result.ok && result.fieldErrors).toEqual({
      title: expect.any(String),
      minNotes: 'Minimum notes cannot be negative',
      documentId: 'Choose at least one source',
      dueAt: 'The due time must be after the opening time',
      minWords: 'Ask for a written response to set a minimum word count',
    });
  });

  it('keeps classmates hidden only in a compare assignment, and says so beside the box', () => {
    const form = (kind: string) => {
      const f = new FormData();
      for (const [k, v] of Object.entries({ title: 'Two presidiums', prompt: 'Link them.', kind, opensAt: '2026-12-10T10:00', dueAt: '2026-12-12T10:00', timeZone: 'UTC', minNotes: '1', minReplies: '0', minLinks: '1', peerGate: 'on', documentId: 'd1' })) f.set(k, v);
      return parseAssignmentForm(f, [{ id: 'd1', blockCount: 10 }]);
    };
    const reading = form('reading');
    expect(!reading.ok && reading.fieldErrors.peerGate).toMatch(/Only a compare assignment/);
    const compare = form('compare');
    expect(compare.ok && compare.value.peerGate).toBe(true);
  });

  it('reads focus paragraphs and explains what it cannot read', () => {
    expect(parseFocus('12, 14-16, ¶ 3', 20)).toEqual([3, 12, 14, 15, 16]);
    expect(parseFocus('', 20)).toEqual([]);
    expect(parseFocus('12a', 20)).toMatch(/not a paragraph number/);
    expect(parseFocus('18-25', 20)).toMatch(/has ¶ 1–20/);
  });

  it('turns a local date and time into the moment it means in the writer’s time zone, and back', () => {
    const date = fromLocalInput('2026-11-23T09:00', 'Asia/Seoul')!;
    expect(date.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(toLocalInput(date, 'Europe/Moscow')).toBe('2026-11-23T03:00');
    expect(fromLocalInput('2026-02-30T09:00', 'UTC')).toBeNull();
    expect(fromLocalInput('tomorrow', 'UTC')).toBeNull();
  });

  it('reads the viewer’s time zone from its cookie, and falls back to UTC for anything else', () => {
    const request = (cookie: string) => new Request('http://localhost/', { headers: { Cookie: cookie } });
    expect(cookieTimeZone('plenum_session=x; plenum_tz=Asia%2FSeoul')).toBe('Asia/Seoul');
    expect(timeZoneOf(request('plenum_tz=Europe%2FMoscow'))).toBe('Europe/Moscow');
    expect(timeZoneOf(request('plenum_tz=Mars%2FOlympus'))).toBe('UTC');
    expect(timeZoneOf(request('other=1'))).toBe('UTC');
  });
});
