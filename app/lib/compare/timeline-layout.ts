/**
 * Where a timeline's events go: one lane per case and one for context, on a shared axis of absolute dates
 * or of days from each case's crisis (so the two crises line up). Each event is a span of the axis (a
 * range's days, or a point) placed in the first row of its lane where its label fits beside the last one.
 */
import { daysBetween, lastDayOf, type EventDate } from './event-dates';

export type Align = 'dates' | 'crisis';

export interface LaneSpec {
  /** A case's id, or null for the context lane. */
  id: string | null;
  title: string;
  colour: string | null;
  /** The day its crisis began (ISO), for `crisis` alignment. */
  crisis: string | null;
}

export interface Placed<T> {
  item: T;
  /** Where it starts and ends on the axis, as fractions of its width (0–1). */
  from: number;
  to: number;
  row: number;
}

export interface LaidOut<T> {
  lanes: { lane: LaneSpec; placed: Placed<T>[]; rows: number }[];
  ticks: { at: number; label: string }[];
  /** Events that cannot be placed in this alignment: a case without a crisis day, or the context lane. */
  unplaced: T[];
}

const EPOCH = '1900-01-01';
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** How much of the axis a label takes beside its point (a laptop's lane is about 60 rem; a label 11 rem). */
const LABEL_SPAN = 0.19;

export function layoutTimeline<T>(events: readonly T[], when: (item: T) => EventDate, laneOf: (item: T) => string | null, lanes: readonly LaneSpec[], align: Align): LaidOut<T> {
  const crisisOf = new Map(lanes.map((l) => [l.id, l.crisis]));
  const unplaced: T[] = [];
  const spans: { item: T; lane: string | null; start: number; end: number }[] = [];
  for (const item of events) {
    const lane = laneOf(item);
    const date = when(item);
    const zero = align === 'dates' ? EPOCH : lane === null ? null : (crisisOf.get(lane) ?? null);
    if (zero === null || !crisisOf.has(lane)) {
      unplaced.push(item);
      continue;
    }
    spans.push({ item, lane, start: daysBetween(zero, date.start), end: daysBetween(zero, lastDayOf(date)) });
  }
  if (spans.length === 0) return { lanes: lanes.filter((l) => align === 'dates' || l.id !== null).map((lane) => ({ lane, placed: [], rows: 1 })), ticks: [], unplaced };
  let min = Math.min(...spans.map((s) => s.start));
  let max = Math.max(...spans.map((s) => s.end));
  if (align === 'crisis') {
    min = Math.min(min, 0);
    max = Math.max(max, 0);
  }
  // A margin either side, and a few days at least, so a lone event is not at the very edge.
  const pad = Math.max(3, Math.round((max - min) * 0.04));
  min -= pad;
  max += pad;
  const width = max - min;
  const at = (day: number) => (day - min) / width;

  const laidLanes = lanes
    .filter((lane) => align === 'dates' || lane.id !== null)
    .map((lane) => {
      const rowsEnd: number[] = [];
      const placed = spans
        .filter((s) => s.lane === lane.id)
        .sort((a, b) => a.start - b.start || a.end - b.end)
        .map((s) => {
          const from = at(s.start);
          const to = Math.max(at(s.end + 1), from);
          const takes = Math.max(to, from + LABEL_SPAN);
          let row = rowsEnd.findIndex((end) => end <= from);
          if (row < 0) row = rowsEnd.push(takes) - 1;
          else rowsEnd[row] = takes;
          return { item: s.item, from, to, row };
        });
      return { lane, placed, rows: Math.max(1, rowsEnd.length) };
    });
  return { lanes: laidLanes, ticks: align === 'dates' ? dateTicks(min, max, at) : dayTicks(min, max, at), unplaced };
}

/** Month (or year) ticks, as few as keep at most ten. */
function dateTicks(min: number, max: number, at: (day: number) => number) {
  const first = new Date(Date.parse(`${EPOCH}T00:00:00Z`) + min * 86_400_000);
  const last = new Date(Date.parse(`${EPOCH}T00:00:00Z`) + max * 86_400_000);
  const months = (last.getUTCFullYear() - first.getUTCFullYear()) * 12 + last.getUTCMonth() - first.getUTCMonth();
  const step = [1, 2, 3, 6, 12, 24, 60, 120].find((s) => months / s <= 10) ?? 240;
  const ticks: { at: number; label: string }[] = [];
  let y = first.getUTCFullYear();
  let m = first.getUTCMonth() + 1;
  if (step >= 12) {
    // Whole years, at multiples of the step.
    y = Math.ceil((y + 1) / (step / 12)) * (step / 12);
    m = 0;
  }
  for (; ; m += step) {
    const date = new Date(Date.UTC(y, m, 1));
    const day = daysBetween(EPOCH, date.toISOString().slice(0, 10));
    if (day > max) break;
    if (day >= min) {
      ticks.push({ at: at(day), label: step >= 12 ? `${date.getUTCFullYear()}` : `${MONTH_SHORT[date.getUTCMonth()]} ${date.getUTCFullYear()}` });
    }
  }
  return ticks;
}

/** Ticks at whole multiples of a step of days, the crisis day among them. */
function dayTicks(min: number, max: number, at: (day: number) => number) {
  const step = [1, 2, 7, 14, 30, 60, 90, 180, 365, 730].find((s) => (max - min) / s <= 10) ?? 1461;
  const ticks: { at: number; label: string }[] = [];
  for (let day = Math.ceil(min / step) * step; day <= max; day += step) {
    ticks.push({ at: at(day), label: day === 0 ? 'crisis' : `${day > 0 ? '+' : '−'}${Math.abs(day)} d` });
  }
  return ticks;
}
