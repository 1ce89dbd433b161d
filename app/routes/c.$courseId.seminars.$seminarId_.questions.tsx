/**
 * A seminar's questions: GET lists them as the member may see them (lib/seminar/questions.server.ts);
 * POST asks one (any member, while the seminar is live) or marks one answered (instructors). Every open page
 * of the course hears of a change through the `seminar` user event and asks again. docs/seminar-mode.md.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { answerQuestion, askQuestion } from '../../db/queries/seminars';
import { requireSeminar } from '~/lib/seminar/require-seminar.server';
import { QUESTION_LIMITS } from '~/lib/seminar/model';
import { questionsFor } from '~/lib/seminar/questions.server';


export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership, seminar } = await requireSeminar(request, params);
  return questionsFor(membership.course.id, seminar.id, { id: user.id, role: membership.role });
}

const askSchema = z.object({
  intent: z.literal('ask'),
  body: z.string().trim().min(1, 'Write your question.').max(QUESTION_LIMITS.body, `A question has at most ${QUESTION_LIMITS.body} characters.`),
  anonymous: z.enum(['on']).optional(),
});
const answerSchema = z.object({
  intent: z.literal('answer'),
  questionId: z.string().uuid('No such question.'),
  answered: z.enum(['yes', 'no']),
  answer: z.string().trim().max(QUESTION_LIMITS.answer, `An answer has at most ${QUESTION_LIMITS.answer} characters.`).default(''),
});

const refuse = (status: number, fieldErrors: Record<string, string>) => Response.json({ fieldErrors }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership, seminar } = await requireSeminar(request, params);
  const form = Object.fromEntries(await request.formData());
  if (form.intent === 'ask') {
    if (seminar.endedAt) return refuse(409, { form: 'The seminar has ended: ask on the board instead.' });
    const parsed = askSchema.safeParse(form);
    if (!parsed.success) return refuse(400, Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message])));
    const asked = await askQuestion({ courseId: membership.course.id, seminarId: seminar.id, userId: user.id, body: parsed.data.body, anonymous: parsed.data.anonymous === 'on' });
    return asked.ok ? Response.json({ asked: true, fieldErrors: {} }) : refuse(429, { form: asked.error });
  }
  if (form.intent === 'answer') {
    if (membership.role !== 'instructor') throw new Response('Only instructors answer a seminar’s questions.', { status: 403 });
    const parsed = answerSchema.safeParse(form);
    if (!parsed.success) return refuse(400, Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message])));
    const done = await answerQuestion({ courseId: membership.course.id, seminarId: seminar.id, questionId: parsed.data.questionId, userId: user.id, answered: parsed.data.answered === 'yes', answer: parsed.data.answer });
    return done ? Response.json({ answered: true, fieldErrors: {} }) : refuse(404, { form: 'No such question.' });
  }
  return refuse(400, { form: 'Say whether to ask or answer (intent).' });
}
