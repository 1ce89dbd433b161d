/** A seminar with a long source in each of its two cases: an 80-clause memo (Moscow) and a 60-point cable (Pyongyang). */
import { importDocument } from '~/lib/sources/import.server';
import { createSeminar } from './fixtures';

const numbered = (count: number, label: string, text: string) => Array.from({ length: count }, (_, i) => `${label} ${i + 1}. ${text}`).join('\n\n') + '\n';

export async function seminarWithTwoSources() {
  const seminar = await createSeminar(['Ana', 'Ben']);
  const add = async (slug: string, title: string, caseId: string, text: string) =>
    (
      await importDocument({
        caseId,
        meta: { slug: `${slug}-${seminar.course.id}`, title, kind: 'primary', genre: '', date: null, origin: '', textNote: '' },
        text,
        createdBy: seminar.instructor.id,
        courseId: seminar.course.id,
      })
    ).documentId;
  const memo = await add('memo', 'Purge memo', seminar.cases[0]!.id, numbered(80, 'Clause', 'The Presidium heard the report, debated it at length and voted against the First Secretary.'));
  const cable = await add('cable', 'Embassy cable', seminar.cases[1]!.id, numbered(60, 'Point', 'The delegation met the chairman, pressed him at length and asked him to restore the expelled.'));
  return { seminar, memo, cable };
}
