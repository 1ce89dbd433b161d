import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { listCourseCases, saveCourseCases } from '../../db/queries/cases';
import { linkRelations, setLinkRelations, setStudentsEditPeople, studentsEditPeople } from '../../db/queries/courses';
import { instructorsSeeAskers, setInstructorsSeeAskers } from '../../db/queries/seminars';
import { relationsInUse } from '../../db/queries/links';
import { parseRelations } from '~/lib/compare/links';
import { listCourseDocuments } from '../../db/queries/documents';
import { CaseFields } from '~/components/case-fields';
import { ActionOutcome } from '~/components/field';
import { RouteError } from '~/components/route-error';
import { requireCourseRole } from '~/lib/auth.server';
import { allCasesLabel, parseCaseRows, readCaseRows, rowsAfterEdit, type CaseFieldRow } from '~/lib/cases';

/** What saving the relation list answered. */
interface RelationsAnswer {
  relations: true;
  text: string;
  error?: string;
  message?: string;
}

interface Answer {
  fieldErrors: Partial<Record<string, string>>;
  message?: string;
  rows: CaseFieldRow[];
  revision: number;
  /** Cases the saved rows would remove, with how many sources each has: asked about before saving. */
  removing?: { title: string; sources: number }[];
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requireCourseRole(request, params.courseId, 'instructor');
  const courseId = membership.course.id;
  const [cases, relations, peopleOpen, askersNamed] = await Promise.all([listCourseCases(courseId), linkRelations(courseId), studentsEditPeople(courseId), instructorsSeeAskers(courseId)]);
  return { course: membership.course, cases, relations, peopleOpen, askersNamed };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { membership } = await requireCourseRole(request, params.courseId, 'instructor');
  const courseId = membership.course.id;
  const formData = await request.formData();
  const rows = readCaseRows(formData);
  const intent = String(formData.get('intent') ?? '');
  if (intent === 'save-relations') return saveRelations(courseId, String(formData.get('relations') ?? ''));
  if (intent === 'save-people') {
    await setStudentsEditPeople(courseId, formData.get('studentsEditPeople') === 'on');
    return { people: true, message: 'Saved.' } as const;
  }
  if (intent === 'save-seminars') {
    await setInstructorsSeeAskers(courseId, formData.get('instructorsSeeAskers') === 'on');
    return { seminars: true, message: 'Saved.' } as const;
  }
  const edited = rowsAfterEdit(intent, rows);
  if (edited) return { fieldErrors: {}, rows: edited, revision: Date.now() } satisfies Answer;

  const [stored, documents] = await Promise.all([listCourseCases(courseId), listCourseDocuments(courseId)]);
  const parsed = parseCaseRows(rows);
  const foreign = rows.some((r) => r.id && !stored.some((c) => c.id === r.id));
  if (foreign) return Response.json({ fieldErrors: { form: 'These cases changed meanwhile. Reload the page and try again.' }, rows, revision: 0 } satisfies Answer, { status: 409 });
  if (!parsed.ok) return Response.json({ fieldErrors: parsed.fieldErrors, rows, revision: 0 } satisfies Answer, { status: 400 });

  // Removing a case cannot be undone: its sources then speak to every case. Asked once, before saving.
  const removing = stored
    .filter((c) => !rows.some((r) => r.id === c.id))
    .map((c) => ({ title: c.title, sources: documents.filter((d) => d.caseId === c.id).length }));
  if (removing.length > 0 && intent !== 'save-removing') return { fieldErrors: {}, rows, revision: 0, removing } satisfies Answer;

  const saved = await saveCourseCases(courseId, parsed.value);
  return { fieldErrors: {}, message: 'Cases saved.', rows: saved, revision: Date.now() } satisfies Answer;
}

/**
 * The relations links may name. One that links already use cannot be removed: the projection would
 * no longer hold those links (a rename is a new relation beside the old one).
 */
async function saveRelations(courseId: string, text: string) {
  const parsed = parseRelations(text);
  if (!parsed.ok) return Response.json({ relations: true, text, error: parsed.error } satisfies RelationsAnswer, { status: 400 });
  const used = [...(await relationsInUse(courseId))].filter(([relation]) => !parsed.value.includes(relation));
  if (used.length > 0) {
    const error = `Links already use ${used.map(([r, n]) => `“${r}” (${n})`).join(', ')}: keep ${used.length === 1 ? 'it' : 'them'} in the list.`;
    return Response.json({ relations: true, text, error } satisfies RelationsAnswer, { status: 409 });
  }
  await setLinkRelations(courseId, parsed.value);
  return { relations: true, text: parsed.value.join('\n'), message: 'Relations saved.' } satisfies RelationsAnswer;
}

export default function CourseSettings() {
  const { course, cases, relations, peopleOpen, askersNamed } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as Answer | RelationsAnswer | { people: true; message: string } | undefined;
  const answer = data && !('relations' in data) && !('people' in data) ? data : undefined;
  const relationsAnswer = data && 'relations' in data ? data : undefined;
  const peopleAnswer = data && 'people' in data ? data : undefined;
  const seminarsAnswer = data && 'seminars' in data ? data : undefined;
  const busy = useNavigation().state === 'submitting';
  const errors = answer?.fieldErrors ?? {};
  return (
    <div className="narrow card-page">
      <h1>Course settings</h1>
      <p>
        The cases <strong>{course.title}</strong> compares. Every case label, the upload form and the compare view use them; a
        source belongs to one of them or to {allCasesLabel(cases).toLowerCase()}.
      </p>
      <Form method="post" noValidate>
        {/* Enter in a field saves: the form's first submit button, ahead of "Add a case". */}
        <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
        <CaseFields rows={answer?.rows ?? cases} errors={errors} revision={answer?.revision} />
        {answer?.removing ? (
          <div className="confirm-box" role="alertdialog" aria-labelledby="removing-heading">
            <p id="removing-heading">
              <strong>Remove {answer.removing.map((r) => `“${r.title}”`).join(' and ')}?</strong> This cannot be undone.{' '}
              {answer.removing.map((r) => `${r.sources === 0 ? 'No source' : `${r.sources} source${r.sources === 1 ? '' : 's'}`} of “${r.title}”`).join('; ')} will then
              belong to every case.
            </p>
            <button type="submit" name="intent" value="save-removing" className="danger" disabled={busy}>
              Remove and save
            </button>
          </div>
        ) : null}
        <ActionOutcome data={answer} />
        <button type="submit" name="intent" value="save" disabled={busy}>
          {busy ? 'Saving…' : 'Save cases'}
        </button>
      </Form>
      <h2>How linked passages relate</h2>
      <Form method="post" noValidate>
        <div className="field">
          <label htmlFor="relations">Relations, one per line</label>
          <p className="hint" id="relations-hint">
            What a student chooses when linking two passages: “the first passage <em>parallels</em> the second”. Relations links already
            use stay in the list.
          </p>
          <textarea
            id="relations"
            name="relations"
            rows={7}
            defaultValue={relationsAnswer?.text ?? relations.join('\n')}
            key={relationsAnswer?.message ?? 'relations'}
            aria-describedby={relationsAnswer?.error ? 'relations-hint relations-error' : 'relations-hint'}
            aria-invalid={relationsAnswer?.error ? true : undefined}
          />
          {relationsAnswer?.error ? (
            <p id="relations-error" className="field-error" role="alert">
              {relationsAnswer.error}
            </p>
          ) : null}
        </div>
        <ActionOutcome data={relationsAnswer ? { message: relationsAnswer.message } : undefined} />
        <button type="submit" name="intent" value="save-relations" disabled={busy}>
          Save relations
        </button>
      </Form>
      <h2>People index</h2>
      <Form method="post">
        <div className="field checkbox">
          <label>
            <input type="checkbox" name="studentsEditPeople" defaultChecked={peopleOpen} /> Students may add people and spellings to the
            index, and confirm or reject suggested spellings
          </label>
          <p className="hint">Instructors always may; only instructors remove a person.</p>
        </div>
        <ActionOutcome data={peopleAnswer} />
        <button type="submit" name="intent" value="save-people" disabled={busy}>
          Save
        </button>
      </Form>
      <h2>Seminar questions</h2>
      <Form method="post">
        <div className="field checkbox">
          <label>
            <input type="checkbox" name="instructorsSeeAskers" defaultChecked={askersNamed} /> Instructors see who asked an anonymous question
          </label>
          <p className="hint">Classmates never do. Students are told which it is before they send a question.</p>
        </div>
        <ActionOutcome data={seminarsAnswer} />
        <button type="submit" name="intent" value="save-seminars" disabled={busy}>
          Save
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Course settings · Plenum' }];

export function ErrorBoundary() {
  return <RouteError what="the course settings" />;
}
