/** A test course's cases: for createCourse, and as the new-course form posts them. */

/** The two cases of a test course, as createCourse takes them. */
export const TEST_CASES = [
  { title: 'Moscow, June 1957', summary: 'The anti-party group.', colour: '#9b2c2c' },
  { title: 'Pyongyang, 1956', summary: 'The August plenum.', colour: '#2c6e63' },
];

/** The same two cases as the new-course form posts them. */
export const TWO_CASES_FORM: Record<string, string> = {
  caseCount: '2',
  ...Object.fromEntries(TEST_CASES.flatMap((c, i) => [[`case-${i}-title`, c.title], [`case-${i}-summary`, c.summary], [`case-${i}-colour`, c.colour]])),
};
