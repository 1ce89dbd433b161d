import type { ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { saveResponse, submitResponse } from '../../db/queries/assignments';
import { ASSIGNMENT_LIMITS } from '~/lib/assignments/form';
import { countWords } from '~/lib/assignments/progress';
import { requireAssignment } from '~/lib/assignments/access.server';
import { parseForm, type FieldErrors } from '~/lib/forms';

// A resource route answers with plain Responses (Remix's data() keeps its status only in page routes).
const reply = (body: object, status = 200) => Response.json(body, { status });
const invalid = (fieldErrors: FieldErrors, status = 400) => reply({ fieldErrors }, status);

const schema = z.object({
  intent: z.enum(['save', 'submit'], { error: 'Unknown request' }),
  response: z.string().max(ASSIGNMENT_LIMITS.response, `The response is at most ${ASSIGNMENT_LIMITS.response.toLocaleString('en')} characters`).default(''),
});

/**
 * A student's written response, as JSON: `save` (autosave, any time before submitting) and `submit`
 * (once; checked against the minimum words; after the due time it is accepted and marked late).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, isInstructor, assignment } = await requireAssignment(request, params);
  if (isInstructor) throw new Response('Instructors do not submit responses', { status: 403 });
  const form = parseForm(await request.formData(), schema);
  if (!form.ok) return invalid(form.fieldErrors, form.fieldErrors.response ? 413 : 400);
  if (!assignment.responseRequired) return invalid({ form: 'This assignment does not ask for a written response.' });
  const { intent, response } = form.value;
  if (intent === 'save') {
    const savedAt = await saveResponse(assignment.id, user.id, response);
    if (!savedAt) return invalid({ form: 'Your response was already submitted; it can no longer change.' }, 409);
    return reply({ savedAt: savedAt.toISOString() });
  }
  const words = countWords(response);
  if (words < assignment.minWords) {
    return invalid({ response: `The response has ${words} word${words === 1 ? '' : 's'}; this assignment asks for at least ${assignment.minWords}.` });
  }
  const submittedAt = await submitResponse(assignment.id, user.id, response);
  if (!submittedAt) return invalid({ form: 'Your response was already submitted.' }, 409);
  return reply({ submittedAt: submittedAt.toISOString(), late: submittedAt > assignment.dueAt });
}

export async function loader() {
  throw new Response('Not found', { status: 404 });
}
