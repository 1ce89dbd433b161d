/** A few notes and replies in the demo course, so the first reader sees a class at work. */
import * as Y from 'yjs';
import { describePassage } from '~/lib/anchoring/selectors';
import { entryKey, setThreadSettings, writePost, type PostEntry } from '~/lib/board/model';
import { addLink, endOfPassage, linkEntry } from '~/lib/compare/links';
import { parseEventDate } from '~/lib/compare/event-dates';
import { addMatrixEntry, addMatrixRow } from '~/lib/compare/matrix';
import { addTimelineEvent } from '~/lib/compare/timeline';
import { addNote, type NoteEntry } from '~/lib/notes/model';
import { roomName } from '~/lib/rooms/names';
import type { Transaction } from '../sql';

interface DemoNote {
  author: string;
  slug: string;
  passage: string | null;
  body: string;
  tags: string[];
  replies?: { author: string; body: string }[];
}

const NOTES: DemoNote[] = [
  {
    author: 'mira@plenum.test',
    slug: 'cia-caesar-xv-anti-party-group-1962',
    passage: 'defeat his opponents by summoning the central committee',
    body: 'The whole case turns on this: a Presidium majority was not enough, because Khrushchev could appeal *over* it to the **Central Committee**. Did Kim’s critics in 1956 have any such body to appeal to?',
    tags: ['procedure', 'comparison'],
    replies: [
      { author: 'jonas@plenum.test', body: 'They tried the opposite route: they appealed *outward*, to Moscow and Beijing. See the Mikoyan cable.' },
      { author: 'instructor@plenum.test', body: 'Good pairing. Keep asking: who convenes the plenum, and who decides who attends?' },
    ],
  },
  {
    author: 'sunhee@plenum.test',
    slug: 'cia-caesar-xv-anti-party-group-1962',
    passage: 'Malenkov, Molotov, andhadhowdown in the presidium',
    body: 'The OCR drops words here (“andhadhowdown” = “and Kaganovich had a showdown”?). Quote the original scan before relying on it.',
    tags: ['sources', 'ocr'],
  },
  {
    author: 'jonas@plenum.test',
    slug: 'mikoyan-cable-1956-09-22',
    passage: 'revocation of the organizational conclusions of the previous plenum',
    body: 'So the Sino-Soviet delegation only got the **August purge reversed** on paper: reinstatement, not a change of leader.',
    tags: ['outcome', 'comparison'],
    replies: [{ author: 'mira@plenum.test', body: 'And the article argues Kim was never really in danger. Compare note 8 there.' }],
  },
  {
    author: 'instructor@plenum.test',
    slug: 'mikoyan-cable-1956-09-22',
    passage: null,
    body: 'For Thursday: read this cable beside CAESAR XV. In each case, *who* could remove the leader, and why did they fail?',
    tags: ['assignment'],
  },
];

/** The themes the demo's matrix starts with, and what each cell asks for. */
const MATRIX_ROWS: [string, string][] = [
  ['Who moved against the leader', 'Name them and cite the passage that shows what they did.'],
  ['The arena: Presidium vs Central Committee plenum', 'Where was the leader challenged, and where was it decided?'],
  ['Charges brought', 'What did the challengers accuse the leader of?'],
  ['Foreign patrons', 'Who outside the country took a hand, and how?'],
  ['Fate of the losers', 'What became of the challengers afterwards?'],
];

/** Writes the demo notes, a board thread, the start of the comparison and of the timeline into the demo course's rooms, one update per author and room. */
export async function seedDemoNotes(
  tx: Transaction,
  input: { courseId: string; users: Record<string, string>; documents: Record<string, { id: string; text: string; version: number }>; cases: { moscow: string; pyongyang: string } },
) {
  const docs = new Map<string, { room: string; userId: string; doc: Y.Doc }>();
  const entries = new Map<DemoNote, NoteEntry>();
  let clock = Date.now() - 3 * 24 * 3600 * 1000;
  const docFor = (email: string, slug: string) => {
    const userId = input.users[email]!;
    const room = roomName({ kind: 'doc', courseId: input.courseId, documentId: input.documents[slug]!.id });
    const key = `${room} ${userId}`;
    if (!docs.has(key)) docs.set(key, { room, userId, doc: new Y.Doc() });
    return docs.get(key)!;
  };
  for (const note of NOTES) {
    const source = input.documents[note.slug]!;
    const start = note.passage ? source.text.indexOf(note.passage) : -1;
    if (note.passage && start < 0) throw new Error(`demo note passage not found in ${note.slug}: ${note.passage}`);
    clock += 3600 * 1000;
    const entry: NoteEntry = {
      id: crypto.randomUUID(),
      kind: 'note',
      parentId: null,
      parentAuthorId: null,
      body: note.body,
      tags: note.tags,
      selectors: note.passage ? describePassage(source.text, start, start + note.passage.length) : null,
      documentVersion: source.version,
      createdAt: clock,
      updatedAt: clock,
      deleted: false,
    };
    entries.set(note, entry);
    addNote(docFor(note.author, note.slug).doc, input.users[note.author]!, entry);
    for (const reply of note.replies ?? []) {
      clock += 1800 * 1000;
      addNote(docFor(reply.author, note.slug).doc, input.users[reply.author]!, {
        ...entry,
        id: crypto.randomUUID(),
        kind: 'reply',
        parentId: entry.id,
        parentAuthorId: input.users[note.author]!,
        body: reply.body,
        tags: [],
        selectors: null,
        createdAt: clock,
        updatedAt: clock,
      });
    }
  }
  // The board: a pinned thread from the instructor, and a first answer that mentions a classmate.
  const boardRoom = roomName({ kind: 'board', courseId: input.courseId });
  const teacher = input.users['instructor@plenum.test']!;
  const mira = input.users['mira@plenum.test']!;
  const thread: PostEntry = {
    id: crypto.randomUUID(), kind: 'thread', title: 'Week 1: was either leader ever really in danger?',
    body: 'Before Thursday: Khrushchev was outvoted in the Presidium, Kim was criticised at his own plenum. Which of them came closer to falling, and what saved him?',
    threadId: null, threadAuthorId: null, parentId: null, parentAuthorId: null,
    link: { href: `/c/${input.courseId}/d/${input.documents['cia-caesar-xv-anti-party-group-1962']!.id}`, label: 'Khrushchev and the "Anti-Party Group" (CAESAR XV)' },
    createdAt: clock, updatedAt: clock, deleted: false,
  };
  const teacherBoard = new Y.Doc();
  writePost(teacherBoard, teacher, thread);
  setThreadSettings(teacherBoard, entryKey(teacher, thread.id), { pinned: true, locked: false, by: teacher });
  clock += 1800 * 1000;
  const miraBoard = new Y.Doc();
  writePost(miraBoard, mira, {
    ...thread, id: crypto.randomUUID(), kind: 'reply', title: '', link: null,
    body: 'Khrushchev, I think: he needed the Central Committee plenum to overturn the vote. @Jonas Weber, you read the cable: did Kim need Moscow?',
    threadId: thread.id, threadAuthorId: teacher, parentId: thread.id, parentAuthorId: teacher, createdAt: clock, updatedAt: clock,
  });
  docs.set(`${boardRoom} ${teacher}`, { room: boardRoom, userId: teacher, doc: teacherBoard });
  docs.set(`${boardRoom} ${mira}`, { room: boardRoom, userId: mira, doc: miraBoard });

  // The comparison: the instructor's themes, a link across the cases and a first entry.
  const compareRoom = roomName({ kind: 'compare', courseId: input.courseId });
  const caesar = input.documents['cia-caesar-xv-anti-party-group-1962']!;
  const cable = input.documents['mikoyan-cable-1956-09-22']!;
  const endAt = async (source: { id: string; text: string; version: number }, phrase: string) => {
    const at = source.text.indexOf(phrase);
    if (at < 0) throw new Error(`demo passage not found: ${phrase}`);
    const [block] = await tx<{ number: number }[]>`
      SELECT b.number FROM document_blocks b JOIN document_versions v ON v.id = b.version_id
      WHERE v.document_id = ${source.id} AND v.version = ${source.version} AND b.start_offset <= ${at} AND ${at} < b.end_offset`;
    return endOfPassage(source, { start: at, end: at + phrase.length }, block?.number);
  };
  const teacherCompare = new Y.Doc();
  for (const [i, [title, prompt]] of MATRIX_ROWS.entries()) addMatrixRow(teacherCompare, { id: `theme-${i + 1}`, title, prompt, by: teacher }, clock + i);
  const miraCompare = new Y.Doc();
  const link = linkEntry({
    id: crypto.randomUUID(),
    relation: 'contrasts with',
    comment: 'Khrushchev appealed *down*, to the Central Committee; the cable shows Kim’s critics rescued from *outside*, by Moscow and Beijing.',
    ends: [await endAt(caesar, 'defeat his opponents by summoning the central committee'), await endAt(cable, 'revocation of the organizational conclusions of the previous plenum')],
  }, clock);
  addLink(miraCompare, mira, link);
  addMatrixEntry(miraCompare, mira, { id: crypto.randomUUID(), row: 'theme-2', caseId: input.cases.moscow, claim: 'The Presidium outvoted Khrushchev; the plenum he summoned reversed it.', evidence: { kind: 'passage', target: [link.target[0]] } }, clock);
  // The timeline: a few events on each lane, and each case's crisis day (day 0 of "days from the crisis").
  const jonas = input.users['jonas@plenum.test']!;
  const jonasCompare = new Y.Doc();
  for (const [author, doc, slug, phrase, label, when, caseId] of [
    [teacher, teacherCompare, 'cia-khrushchev-purge-1957-07-23', 'On the 17 and 18 June the majority of the Presidium', 'Presidium majority moves against Khrushchev', '18–21 June 1957', input.cases.moscow],
    [jonas, jonasCompare, 'cia-caesar-xv-anti-party-group-1962', 'defeat his opponents by summoning the central committee', 'Central Committee plenum overturns the Presidium vote', '22–29 June 1957', input.cases.moscow],
    [teacher, teacherCompare, 'article-north-korea-1956-reconsidering', 'the August Plenum of the Korean Workers’ Party', 'August plenum: Kim’s critics speak and are expelled', '30–31 August 1956', input.cases.pyongyang],
    [jonas, jonasCompare, 'mikoyan-cable-1956-09-22', 'revocation of the organizational conclusions of the previous plenum', 'September plenum reverses the expulsions', '23 September 1956', input.cases.pyongyang],
    [teacher, teacherCompare, 'article-mikoyan-papers-august-plenum', 'Stalin was taken off his pedestal in February 1956', 'Khrushchev’s Secret Speech at the 20th Congress', '25 February 1956', null],
  ] as const) {
    const date = parseEventDate(when);
    if (!date.ok) throw new Error(date.error);
    clock += 600 * 1000;
    addTimelineEvent(doc, author, { id: crypto.randomUUID(), label, when: date.value, caseId, people: [], target: [await endAt(input.documents[slug]!, phrase)] }, clock);
  }
  await tx`UPDATE course_cases SET crisis_date = '1957-06-18' WHERE id = ${input.cases.moscow}`;
  await tx`UPDATE course_cases SET crisis_date = '1956-08-30' WHERE id = ${input.cases.pyongyang}`;
  docs.set(`${compareRoom} ${jonas}`, { room: compareRoom, userId: jonas, doc: jonasCompare });
  docs.set(`${compareRoom} ${teacher}`, { room: compareRoom, userId: teacher, doc: teacherCompare });
  docs.set(`${compareRoom} ${mira}`, { room: compareRoom, userId: mira, doc: miraCompare });

  const batch = [...docs.values()];
  if (batch.length === 0) return;
  await tx`
    SELECT sync_append(
      ${tx.array(batch.map((b) => b.room), 25)},
      ${tx.array(batch.map((b) => Buffer.from(Y.encodeStateAsUpdate(b.doc))), 17)},
      ${tx.array(batch.map((b) => b.userId), 2950)})`;
}
