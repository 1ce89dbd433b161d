/** A seminar of two cases with a source in each, and a way to point at their passages (W3C selectors). */
import { describePassage } from '~/lib/anchoring/selectors';
import type { LinkEnd } from '~/lib/compare/links';
import { importDocument } from '~/lib/sources/import.server';
import { createSeminar } from './fixtures';

const CABLE = 'Today, 22 September, a meeting was held.\n\nCde. Kim Il Sung passed us the draft.\n';
const MEMO = 'The Presidium met on 18 June.\n\nKhrushchev refused to resign and the plenum was convened.\n';

/** A seminar with the cable (Pyongyang) and a memo (Moscow), and a way to point at their passages. */
export async function comparison() {
  const seminar = await createSeminar(['Ana', 'Ben']);
  const { documentId: memo } = await importDocument({
    meta: { slug: `memo-${seminar.course.id}`, title: 'Purge memo', kind: 'primary', genre: '', date: null, origin: '', textNote: '' },
    text: MEMO,
    createdBy: seminar.instructor.id,
    courseId: seminar.course.id,
    caseId: seminar.cases[0]!.id,
  });
  const end = (source: string, text: string, phrase: string, version = 1): LinkEnd => {
    const at = text.indexOf(phrase);
    const s = describePassage(text, at, at + phrase.length);
    return { source, version, selector: [s.position, s.quote] };
  };
  return {
    ...seminar,
    memo,
    room: `compare:${seminar.course.id}`,
    cableEnd: (phrase: string) => end(seminar.documentId, CABLE, phrase),
    memoEnd: (phrase: string) => end(memo, MEMO, phrase),
  };
}

