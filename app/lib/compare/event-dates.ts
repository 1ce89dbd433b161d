/**
 * A timeline event's date as a historian writes it, with its precision: a day ("18 June 1957"), a month
 * ("June 1957"), a year ("1957"), or a range of any of them ("18–22 June 1957", "June–August 1956",
 * "25 February – 3 March 1956"). Stored as ISO dates (the first day a month or year covers, and the last day
 * of a range's end) with the precision, so lanes can place them and sort them.
 */

export type Precision = 'day' | 'month' | 'year';

export interface EventDate {
  /** `YYYY-MM-DD`: the first day it covers. */
  start: string;
  /** `YYYY-MM-DD`: the last day of a range (absent: one day, month or year). */
  end?: string;
  precision: Precision;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_NAMES = MONTHS.map((m) => m[0]!.toUpperCase() + m.slice(1));

/** A point a date is made of: what was written of it (day and month optional). */
interface Point {
  year?: number;
  month?: number;
  day?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const iso = (year: number, month: number, day: number) => `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;

function monthOf(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i < 0 ? undefined : i + 1;
}

/** One side of a date: "18 June 1957", "June 18, 1957", "June 1957", "1957", "18 June", "18", "1957-06-18", "1957-06". */
function readPoint(text: string): Point | null {
  const t = text.trim().replace(/,/g, ' ').replace(/\s+/g, ' ');
  const m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(t);
  if (m) return { year: Number(m[1]), month: Number(m[2]), ...(m[3] ? { day: Number(m[3]) } : {}) };
  const point: Point = {};
  for (const word of t.split(' ')) {
    if (/^\d{3,4}$/.test(word) && point.year === undefined) point.year = Number(word);
    else if (/^\d{1,2}(st|nd|rd|th)?$/.test(word) && point.day === undefined) point.day = Number.parseInt(word, 10);
    else if (/^[a-z]+\.?$/i.test(word) && point.month === undefined && monthOf(word)) point.month = monthOf(word);
    else return null;
  }
  return Object.keys(point).length > 0 ? point : null;
}

/** A date as typed, read; or why it cannot be one. */
export function parseEventDate(raw: string): { ok: true; value: EventDate } | { ok: false; error: string } {
  const text = raw.trim();
  if (text === '') return { ok: false, error: 'Give the date, e.g. 18 June 1957, June 1957, 1957 or 18–22 June 1957.' };
  if (text.length > 60) return { ok: false, error: 'A date is at most 60 characters.' };
  // A range: "a – b", "a-b" between numbers or words, "a to b".
  const parts = text.split(/\s*[–—]\s*|\s+-\s+|\s+to\s+|(?<=\d)-(?=\d{1,2}\s)|(?<=^\d{4})-(?=\d{4}$)|(?<=[a-z.])-(?=[a-z])/i);
  if (parts.length > 2) return { ok: false, error: `“${text}” is not a date: a range has one dash, e.g. 18–22 June 1957.` };
  const points = parts.map(readPoint);
  if (points.some((p) => p === null)) return { ok: false, error: `“${text}” is not a date we can read. Write it like 18 June 1957, June 1957, 1957 or 18–22 June 1957.` };
  let [a, b] = points as [Point, Point | undefined];
  // What the end says and the start leaves out is the start's too ("18–22 June 1957": June and 1957).
  if (b) {
    if (a.year === undefined) a = { ...a, year: b.year };
    if (a.month === undefined && a.day !== undefined) a = { ...a, month: b.month };
    if (b.year === undefined) b = { ...b, year: a.year };
    if (b.month === undefined && b.day !== undefined) b = { ...b, month: a.month };
  }
  const precisionOf = (p: Point): Precision => (p.day !== undefined ? 'day' : p.month !== undefined ? 'month' : 'year');
  const bad = (p: Point) => {
    if (p.year === undefined) return 'it needs a year';
    if (p.year < 1000 || p.year > 2100) return `${p.year} is not a year we can place`;
    if (p.day !== undefined && p.month === undefined) return 'a day needs its month';
    if (p.month !== undefined && (p.month < 1 || p.month > 12)) return `${p.month} is not a month`;
    if (p.day !== undefined && (p.day < 1 || p.day > daysIn(p.year, p.month!))) return `${MONTH_NAMES[p.month! - 1]} ${p.year} has no day ${p.day}`;
    return null;
  };
  for (const p of b ? [a, b] : [a]) {
    const problem = bad(p);
    if (problem) return { ok: false, error: `“${text}”: ${problem}.` };
  }
  const precision = precisionOf(a);
  if (b && precisionOf(b) !== precision) return { ok: false, error: `“${text}”: give both ends as precisely, e.g. 18–22 June 1957 or June–August 1956.` };
  const first = (p: Point) => iso(p.year!, p.month ?? 1, p.day ?? 1);
  const last = (p: Point) => iso(p.year!, p.month ?? 12, p.day ?? daysIn(p.year!, p.month ?? 12));
  const value: EventDate = { start: first(a), precision };
  if (b) {
    if (last(b) < first(a)) return { ok: false, error: `“${text}”: the end is before the start.` };
    if (last(b) !== last(a)) value.end = last(b);
  }
  return { ok: true, value };
}

const partsOf = (isoDate: string) => isoDate.split('-').map(Number) as [number, number, number];

/** How a date reads: "18 June 1957", "18–22 June 1957", "June–August 1956", "1956–1957". */
export function formatEventDate(date: EventDate): string {
  const [y1, m1, d1] = partsOf(date.start);
  const one = (y: number, m: number, d: number, show: { year: boolean; month: boolean }) =>
    date.precision === 'year' ? `${y}` : date.precision === 'month' ? `${MONTH_NAMES[m - 1]}${show.year ? ` ${y}` : ''}` : `${d}${show.month ? ` ${MONTH_NAMES[m - 1]}` : ''}${show.year ? ` ${y}` : ''}`;
  if (!date.end) return one(y1, m1, d1, { year: true, month: true });
  const [y2, m2, d2] = partsOf(date.end);
  const sameYear = y1 === y2;
  const sameMonth = sameYear && m1 === m2;
  return `${one(y1, m1, d1, { year: !sameYear, month: !sameMonth })}–${one(y2, m2, d2, { year: true, month: true })}`;
}

/** Days from `from` to `to` (ISO dates), negative before it. */
export function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/** The last day a date covers. */
export function lastDayOf(date: EventDate): string {
  if (date.end) return date.end;
  const [y, m] = partsOf(date.start);
  return date.precision === 'day' ? date.start : date.precision === 'month' ? iso(y, m, daysIn(y, m)) : iso(y, 12, 31);
}
