import { describe, expect, it } from 'vitest';
import { daysBetween, formatEventDate, parseEventDate } from '~/lib/compare/event-dates';

const read = (text: string) => {
  const parsed = parseEventDate(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

describe('event dates', () => {
  it('reads a day, a month, a year and ranges of each, as historians write them, and writes them back the same way', () => {
    const cases: [string, object, string][] = [
      ['18 June 1957', { start: '1957-06-18', precision: 'day' }, '18 June 1957'],
      ['June 18, 1957', { start: '1957-06-18', precision: 'day' }, '18 June 1957'],
      ['1957-06-18', { start: '1957-06-18', precision: 'day' }, '18 June 1957'],
      ['June 1957', { start: '1957-06-01', precision: 'month' }, 'June 1957'],
      ['Sept. 1956', { start: '1956-09-01', precision: 'month' }, 'September 1956'],
      ['1956', { start: '1956-01-01', precision: 'year' }, '1956'],
      ['18–22 June 1957', { start: '1957-06-18', end: '1957-06-22', precision: 'day' }, '18–22 June 1957'],
      ['18-22 June 1957', { start: '1957-06-18', end: '1957-06-22', precision: 'day' }, '18–22 June 1957'],
      ['25 February – 3 March 1956', { start: '1956-02-25', end: '1956-03-03', precision: 'day' }, '25 February–3 March 1956'],
      ['30 December 1956 to 2 January 1957', { start: '1956-12-30', end: '1957-01-02', precision: 'day' }, '30 December 1956–2 January 1957'],
      ['June–August 1956', { start: '1956-06-01', end: '1956-08-31', precision: 'month' }, 'June–August 1956'],
      ['1956-1957', { start: '1956-01-01', end: '1957-12-31', precision: 'year' }, '1956–1957'],
    ];
    for (const [text, value, written] of cases) {
      expect(read(text), text).toEqual(value);
      expect(formatEventDate(read(text)), text).toBe(written);
    }
  });

  it('says why a date cannot be read: no year, no such day, an end before the start, mixed precision', () => {
    const errors: [string, string][] = [
      ['', 'Give the date'],
      ['sometime in summer', 'not a date we can read'],
      ['18 June', 'it needs a year'],
      ['31 June 1957', 'June 1957 has no day 31'],
      ['29 February 1957', 'February 1957 has no day 29'],
      ['22–18 June 1957', 'the end is before the start'],
      ['18 June – August 1957', 'give both ends as precisely'],
      ['1–2–3 June 1957', 'a range has one dash'],
    ];
    for (const [text, error] of errors) {
      const parsed = parseEventDate(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.error, text).toContain(error);
    }
    expect(parseEventDate('29 February 1956').ok).toBe(true);
  });

  it('counts days from a crisis, before it negative', () => {
    expect(daysBetween('1957-06-18', '1957-06-29')).toBe(11);
    expect(daysBetween('1956-08-30', '1956-08-02')).toBe(-28);
  });
});
