import { describe, expect, it } from 'vitest';
import type { EventDate } from '~/lib/compare/event-dates';
import { layoutTimeline, type LaneSpec } from '~/lib/compare/timeline-layout';

type E = { name: string; lane: string | null; when: EventDate };
const lanes: LaneSpec[] = [
  { id: 'moscow', title: 'Moscow', colour: null, crisis: '1957-06-18' },
  { id: 'pyongyang', title: 'Pyongyang', colour: null, crisis: '1956-08-30' },
  { id: null, title: 'Context', colour: null, crisis: null },
];
const events: E[] = [
  { name: 'presidium', lane: 'moscow', when: { start: '1957-06-18', precision: 'day' } },
  { name: 'plenum', lane: 'moscow', when: { start: '1957-06-22', end: '1957-06-29', precision: 'day' } },
  { name: 'august', lane: 'pyongyang', when: { start: '1956-08-30', end: '1956-08-31', precision: 'day' } },
  { name: 'mikoyan', lane: 'pyongyang', when: { start: '1956-09-19', end: '1956-09-23', precision: 'day' } },
  { name: 'speech', lane: null, when: { start: '1956-02-25', precision: 'day' } },
];
const layout = (align: 'dates' | 'crisis') =>
  layoutTimeline(
    events,
    (e) => e.when,
    (e) => e.lane,
    lanes,
    align,
  );
const placed = (l: ReturnType<typeof layout>) => new Map(l.lanes.flatMap((lane) => lane.placed.map((p) => [p.item.name, p] as const)));

describe('timeline layout', () => {
  it('by date: the lanes share one axis, in date order, each event inside it, close ones in separate rows', () => {
    const l = layout('dates');
    const at = placed(l);
    expect(l.unplaced).toEqual([]);
    expect(at.get('speech')!.from).toBeLessThan(at.get('august')!.from);
    expect(at.get('august')!.from).toBeLessThan(at.get('presidium')!.from);
    for (const p of at.values()) {
      expect(p.from).toBeGreaterThanOrEqual(0);
      expect(p.to).toBeLessThanOrEqual(1);
    }
    // Four days apart on a sixteen-month axis: the plenum's label would cover the Presidium's.
    expect(at.get('presidium')!.row).not.toBe(at.get('plenum')!.row);
    expect(l.ticks.map((t) => t.label)).toContain('Jan 1957');
  });

  it('by days from the crisis: each case counts from its own day, so the two crises start at the same place; context has no place', () => {
    const l = layout('crisis');
    const at = placed(l);
    expect(at.get('presidium')!.from).toBeCloseTo(at.get('august')!.from, 10);
    expect(at.get('plenum')!.from).toBeLessThan(at.get('mikoyan')!.from);
    expect(l.unplaced.map((e) => e.name)).toEqual(['speech']);
    expect(l.lanes.map((x) => x.lane.id)).toEqual(['moscow', 'pyongyang']);
    expect(l.ticks.map((t) => t.label)).toContain('crisis');
    // A case without its crisis day cannot be placed that way.
    const noDay = layoutTimeline(events, (e) => e.when, (e) => e.lane, [{ ...lanes[0]!, crisis: null }, lanes[1]!, lanes[2]!], 'crisis');
    expect(noDay.unplaced.map((e) => e.name).sort()).toEqual(['plenum', 'presidium', 'speech']);
  });
});
