/** A seminar of two cases with a source in each, and a way to point at their passages (W3C selectors). */
import { createAssignment } from '../../db/queries/assignments';
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


/** Another primary source of the comparison's first case, "June memo", with `text` as its first version. */
export async function addMemo(c: Awaited<ReturnType<typeof comparison>>, text: string, slug: string) {
  const meta = { slug: `${slug}-${c.course.id}`, title: 'June memo', kind: 'primary' as const, genre: '', date: null, origin: '', textNote: '' };
  const { documentId } = await importDocument({ meta, text, createdBy: c.instructor.id, courseId: c.course.id, caseId: c.cases[0]!.id });
  return { documentId, meta };
}

/** A reading assignment on `documentIds`, open now and due tomorrow, asking for nothing in particular. */
export function readingAssignment(c: Awaited<ReturnType<typeof comparison>>, title: string, documentIds: string[], focus: Record<string, number[]> = {}) {
  return createAssignment({
    courseId: c.course.id,
    createdBy: c.instructor.id,
    assignment: {
      title, prompt: 'Read it.', kind: 'reading', opensAt: new Date(), dueAt: new Date(Date.now() + 86_400_000),
      minNotes: 0, minReplies: 0, minLinks: 0, minMatrixEntries: 0, responseRequired: false, minWords: 0, peerGate: false,
      documents: documentIds.map((documentId) => ({ documentId, focusBlocks: focus[documentId] ?? [] })),
    },
  });
}
