/**
 * A seminar's record as a board thread: what the instructor posts in one click from the record page
 * (the board renders Markdown). Names of who joined are the class's own knowledge; an anonymous
 * question's asker is never in it (the questions come as a classmate sees them).
 */
import { formatDateTime } from '~/lib/time-zone';

export interface SeminarRecord {
  title: string;
  leaderName: string;
  startedAt: Date | string;
  endedAt: Date | string | null;
  attendees: { name: string; role: string }[];
  spotlights: { at: Date | string; target: { type: string; quote: string } | null; sourceTitle: string | null }[];
  /** As a classmate sees them: an anonymous question's asker is null. */
  questions: { body: string; asker: string | null; answered: boolean; answer: string }[];
}

const minutesBetween = (from: Date | string, to: Date | string) => Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000));

/** "Mon 23 Nov 2026, 09:00–09:50 (50 minutes)", or "… since 09:00" while it runs. */
export function seminarSpan(record: Pick<SeminarRecord, 'startedAt' | 'endedAt'>, timeZone: string): string {
  const start = formatDateTime(record.startedAt, timeZone);
  if (!record.endedAt) return `live since ${start}`;
  const end = formatDateTime(record.endedAt, timeZone);
  // The end's time alone when it is the same day ("…, 09:00–09:50").
  const sameDay = start.slice(0, start.lastIndexOf(',')) === end.slice(0, end.lastIndexOf(','));
  const minutes = minutesBetween(record.startedAt, record.endedAt);
  return `${start}–${sameDay ? end.slice(end.lastIndexOf(',') + 2) : end} (${minutes} minute${minutes === 1 ? '' : 's'})`;
}

const quoted = (quote: string) => `“${quote.replace(/\s+/g, ' ').trim().slice(0, 160)}${quote.length > 160 ? '…' : ''}”`;
const what = { passage: 'Passage', note: 'Note', link: 'Evidence link' } as Record<string, string>;

/** Escapes what Markdown would read as markup in members' text (names, quotes). */
const plain = (text: string) => text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);

export function recordThread(record: SeminarRecord, timeZone: string): { title: string; body: string } {
  const time = (at: Date | string) => formatDateTime(at, timeZone).slice(-5);
  const students = record.attendees.filter((a) => a.role !== 'instructor');
  const lines = [
    `Seminar on ${plain(record.title)}, led by ${plain(record.leaderName)}: ${seminarSpan(record, timeZone)}.`,
    '',
    `**Joined (${students.length} student${students.length === 1 ? '' : 's'}):** ${students.map((a) => plain(a.name)).join(', ') || 'nobody'}.`,
    '',
    '**Spotlighted:**',
    '',
    ...(record.spotlights.length === 0
      ? ['Nothing.']
      : record.spotlights.map((s) =>
          s.target ? `- ${time(s.at)} ${what[s.target.type] ?? 'Passage'}${s.sourceTitle ? ` in ${plain(s.sourceTitle)}` : ''}: ${plain(quoted(s.target.quote))}` : `- ${time(s.at)} Spotlight cleared`,
        )),
    '',
    `**Questions (${record.questions.length}):**`,
    '',
    ...(record.questions.length === 0
      ? ['None.']
      : record.questions.flatMap((q) => [
          `- ${plain(q.body.replace(/\s+/g, ' '))} (${q.asker ? plain(q.asker) : 'anonymous'}${q.answered ? ', answered' : ''})`,
          ...(q.answer ? [`  Answer: ${plain(q.answer.replace(/\s+/g, ' '))}`] : []),
        ])),
  ];
  return { title: `Seminar record: ${record.title}, ${formatDateTime(record.startedAt, timeZone).slice(0, -7)}`.slice(0, 200), body: lines.join('\n') };
}
