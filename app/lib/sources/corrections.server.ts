/**
 * Suggesting a correction to a source's text (any member), and deciding on suggestions (its instructors):
 * accepting publishes a new version with them applied (apply-corrections.ts), crediting and telling each
 * proposer; rejecting says why. The passage is taken from the server's copy of the version read, never
 * from the client's quote.
 */
import { z } from 'zod';
import { describePassage } from '~/lib/anchoring/selectors';
import { parseForm, type FieldErrors } from '~/lib/forms';
import { excerpt } from '~/lib/board/links';
import { publishVersion } from './import.server';
import { applyCorrections } from './apply-corrections';
import { insertCorrection, lockPending, markAccepted, markRejected, pendingOf, PENDING_PER_MEMBER } from '../../../db/queries/corrections';
import { getDocumentForReader, VersionConflict } from '../../../db/queries/documents';
import { notify, type NewNotification } from '../../../db/queries/notifications';
import { sql } from '../../../db/sql';

export const CORRECTION_LIMITS = { passage: 5_000, proposed: 5_000, reason: 1_000, perDecision: 50 } as const;

const offset = z.coerce.number({ error: 'Select the passage to correct.' }).int().min(0, 'Select the passage to correct.');
const proposalSchema = z.object({
  version: z.coerce.number({ error: 'Reload the page: the version read is missing.' }).int().min(1),
  start: offset,
  end: offset,
  proposed: z.string({ error: 'Write what the passage should say.' }).max(CORRECTION_LIMITS.proposed, `A correction is at most ${CORRECTION_LIMITS.proposed} characters.`),
  reason: z.string().trim().max(CORRECTION_LIMITS.reason, `A reason is at most ${CORRECTION_LIMITS.reason} characters.`).default(''),
});

type Outcome = { ok: true } | { ok: false; status: number; fieldErrors: FieldErrors };

export async function suggestCorrection(input: { courseId: string; documentId: string; userId: string; form: FormData }): Promise<Outcome> {
  const parsed = parseForm(input.form, proposalSchema);
  if (!parsed.ok) return { ok: false, status: 400, fieldErrors: parsed.fieldErrors };
  const { version, start, end, reason } = parsed.value;
  const proposed = parsed.value.proposed.replace(/\r\n?/g, '\n');
  const found = await getDocumentForReader({ courseId: input.courseId, documentId: input.documentId, version });
  if (!found) return { ok: false, status: 404, fieldErrors: { form: 'This course has no such source (or no such version of it).' } };
  const errors: FieldErrors = {};
  if (end <= start || end > found.text.length) errors.form = 'Select the passage to correct.';
  else if (end - start > CORRECTION_LIMITS.passage) errors.form = `Select at most ${CORRECTION_LIMITS.passage} characters: correct a long passage in parts.`;
  const selectors = errors.form ? null : describePassage(found.text, start, end);
  if (proposed.trim() === '') errors.proposed = 'Write what the passage should say.';
  else if (selectors && proposed === selectors.quote.exact) errors.proposed = 'This is what the passage says already: change it to what it should say.';
  if (Object.keys(errors).length > 0) return { ok: false, status: 400, fieldErrors: errors };
  if ((await pendingOf(input.courseId, input.documentId, input.userId)) >= PENDING_PER_MEMBER) {
    return { ok: false, status: 429, fieldErrors: { form: `You have ${PENDING_PER_MEMBER} suggestions waiting on this source: wait for your instructors to decide on some.` } };
  }
  await insertCorrection({ courseId: input.courseId, documentId: input.documentId, version, selectors: selectors!, proposed, reason, proposerId: input.userId });
  return { ok: true };
}

/**
 * Accepts waiting suggestions (`texts`: id → the text as accepted, edited or not) as one new version of
 * the source. All or nothing: a passage no longer in the text, or overlapping another, is named and
 * nothing changes.
 */
export async function acceptCorrections(input: { courseId: string; documentId: string; by: string; texts: ReadonlyMap<string, string> }): Promise<Outcome & { version?: number }> {
  if (input.texts.size === 0) return { ok: false, status: 400, fieldErrors: { form: 'Choose the suggestions to accept.' } };
  if (input.texts.size > CORRECTION_LIMITS.perDecision) return { ok: false, status: 400, fieldErrors: { form: `Accept at most ${CORRECTION_LIMITS.perDecision} suggestions at once.` } };
  for (const [id, text] of input.texts) {
    if (text.length > CORRECTION_LIMITS.proposed) return { ok: false, status: 400, fieldErrors: { [`text-${id}`]: `A correction is at most ${CORRECTION_LIMITS.proposed} characters.` } };
  }
  try {
    return await sql.begin(async (tx) => {
      const waiting = await lockPending(tx, input.courseId, input.documentId, [...input.texts.keys()]);
      if (waiting.length !== input.texts.size) return { ok: false as const, status: 409, fieldErrors: { form: 'Some of these suggestions were decided meanwhile: reload to see them.' } };
      const newest = await getDocumentForReader({ courseId: input.courseId, documentId: input.documentId });
      if (!newest) return { ok: false as const, status: 404, fieldErrors: { form: 'This course has no such source.' } };
      const accepted = waiting.map((c) => ({ id: c.id, version: c.version, selectors: c.selectors, text: input.texts.get(c.id)! }));
      const applied = applyCorrections(newest.text, newest.document.version, accepted);
      if (!applied.ok) return { ok: false as const, status: 409, fieldErrors: Object.fromEntries(Object.entries(applied.problems).map(([id, message]) => [`text-${id}`, message])) };
      const meta = newest.document;
      const { version } = await publishVersion({ document: meta, text: applied.text, by: input.by, after: meta.version }, tx);
      await markAccepted(tx, accepted, input.by, version);
      await notify(
        tx,
        waiting.map((c) => decisionNotice(input, c, `Your correction to “${meta.title}” is in version ${version}`, input.texts.get(c.id)!)),
      );
      return { ok: true as const, version };
    });
  } catch (error) {
    if (error instanceof VersionConflict) return { ok: false, status: 409, fieldErrors: { form: 'A new version was published meanwhile: reload and accept again.' } };
    throw error;
  }
}

/** The proposer's notification of a decision, leading to their suggestions (once per suggestion). */
function decisionNotice(where: { courseId: string; documentId: string; by: string }, correction: { id: string; proposerId: string }, title: string, said: string): NewNotification {
  return {
    userId: correction.proposerId,
    courseId: where.courseId,
    kind: 'correction',
    actorId: where.by,
    title,
    excerpt: excerpt(said, 200),
    link: `/c/${where.courseId}/d/${where.documentId}/corrections`,
    eventKey: `correction:${correction.id}`,
  };
}

export async function rejectCorrection(input: { courseId: string; documentId: string; by: string; id: string; reason: string; title: string }): Promise<Outcome> {
  const reason = input.reason.trim();
  if (!reason) return { ok: false, status: 400, fieldErrors: { [`reason-${input.id}`]: 'Say why, for its author.' } };
  if (reason.length > CORRECTION_LIMITS.reason) return { ok: false, status: 400, fieldErrors: { [`reason-${input.id}`]: `A reason is at most ${CORRECTION_LIMITS.reason} characters.` } };
  return sql.begin(async (tx) => {
    const [waiting] = await lockPending(tx, input.courseId, input.documentId, [input.id]);
    if (!waiting) return { ok: false as const, status: 409, fieldErrors: { form: 'This suggestion was decided meanwhile: reload to see it.' } };
    await markRejected(tx, input.id, input.by, reason);
    await notify(tx, [decisionNotice(input, waiting, `Your correction to “${input.title}” was not accepted`, reason)]);
    return { ok: true as const };
  });
}
