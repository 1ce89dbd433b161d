/** The course's live seminar as a member's pages see it: where it is, who leads it, whether they joined. */
import { sql } from '../../../db/sql';
import { liveSeminar, type Seminar } from '../../../db/queries/seminars';

export interface LiveSeminarView {
  id: string;
  documentId: string;
  compareWith: string | null;
  /** "CAESAR XV", or "CAESAR XV and the Mikoyan cable" in the compare view. */
  title: string;
  leaderId: string | null;
  leaderName: string;
  leading: boolean;
  joined: boolean;
  href: string;
}

/** Where a seminar is read: its source, or the compare view of its two sources. */
export function seminarHref(courseId: string, seminar: Pick<Seminar, 'documentId' | 'compareWith'>): string {
  return seminar.compareWith ? `/c/${courseId}/compare?left=${seminar.documentId}&right=${seminar.compareWith}` : `/c/${courseId}/d/${seminar.documentId}`;
}

export async function liveSeminarView(courseId: string, userId: string): Promise<LiveSeminarView | null> {
  const seminar = await liveSeminar(courseId);
  if (!seminar) return null;
  const [attended] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM seminar_attendance WHERE seminar_id = ${seminar.id} AND user_id = ${userId}`;
  return {
    id: seminar.id,
    documentId: seminar.documentId,
    compareWith: seminar.compareWith,
    title: seminar.compareTitle ? `${seminar.documentTitle} and ${seminar.compareTitle}` : seminar.documentTitle,
    leaderId: seminar.ledBy,
    leaderName: seminar.leaderName ?? 'an instructor',
    leading: seminar.ledBy === userId,
    joined: attended!.n > 0,
    href: seminarHref(courseId, seminar),
  };
}
