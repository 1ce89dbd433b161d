/**
 * One person: their spellings (added, removed, and the unlisted ones the sources seem to hold, to confirm
 * or reject), and every passage that mentions them in any spelling, side by side by case, with the notes
 * on those passages the member may see.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from '@remix-run/react';
import { redirect } from '@remix-run/node';
import { useState } from 'react';
import { listCourseCases } from '../../db/queries/cases';
import { addSpelling, deletePerson, getPerson, listPeople, mentionsOf, rejectedSpellings, rejectSpelling, removeSpelling, updatePerson } from '../../db/queries/people';
import { ConfirmDialog } from '~/components/confirm-dialog';
import { FormError } from '~/components/field';
import { MentionColumns } from '~/components/people/mention-columns';
import { PersonFields } from '~/components/people/person-fields';
import { RouteError } from '~/components/route-error';
import { requireCourseRole } from '~/lib/auth.server';
import { searcherFor } from '~/lib/search/search.server';
import { invalid } from '~/lib/forms';
import { readPersonForm } from '~/lib/people/form';
import { mayEditPeople, requireEditPeople } from '~/lib/people/people.server';
import { readSpelling } from '~/lib/people/spellings';
import { suggestSpellings } from '~/lib/people/suggest.server';
import { isUuid } from '~/lib/rooms/ids';
import { excerptOf } from '~/lib/search/excerpt';
import { normalise } from '~/lib/search/normalise';

async function personOf(request: Request, params: { courseId?: string; personId?: string }) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const courseId = membership.course.id;
  const person = params.personId && isUuid(params.personId) ? await getPerson(courseId, params.personId) : null;
  if (!person) throw new Response('Nobody of that id is in this course’s people index', { status: 404 });
  return { user, membership, courseId, person };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership, courseId, person } = await personOf(request, params);
  const who = await searcherFor(courseId, user.id, membership.role);
  const norms = person.spellings.map((s) => s.norm);
  const [cases, mentions, mayEdit] = await Promise.all([listCourseCases(courseId), mentionsOf(who, norms), mayEditPeople(courseId, membership.role)]);
  let suggestions: Awaited<ReturnType<typeof suggestSpellings>> = [];
  if (mayEdit) {
    const [everyone, rejected] = await Promise.all([listPeople(courseId), rejectedSpellings(person.id)]);
    suggestions = await suggestSpellings(courseId, person, new Set([...everyone.flatMap((p) => p.spellings.map((s) => s.norm)), ...rejected]));
  }
  const variants = new Set(norms);
  // "Spelled …" is said of the other spellings, not the name or the part of it the sources call them by.
  const nameWords = person.spellings[0]?.norm.split(' ') ?? [];
  const plain = new Set(norms.filter((n) => n === person.spellings[0]?.norm || nameWords.includes(n)));
  return {
    courseId,
    person,
    cases,
    mayEdit,
    isInstructor: membership.role === 'instructor',
    suggestions,
    mentions: mentions.map(({ text, ...m }) => {
      const excerpt = excerptOf(text, { exact: new Set(), prefixes: [], variants });
      return {
        ...m,
        excerpt: { ...excerpt, spellings: excerpt.spellings.filter((written) => !plain.has(normalise(written))) },
        href: `/c/${courseId}/d/${m.documentId}?mark=${encodeURIComponent(excerpt.matched.join(' '))}#b${m.block}`,
        notes: m.notes.map((n) => ({ ...n, href: `/c/${courseId}/d/${m.documentId}?note=${encodeURIComponent(n.key)}` })),
      };
    }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership, courseId, person } = await personOf(request, params);
  await requireEditPeople(courseId, membership.role);
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const norm = String(formData.get('norm') ?? '');
  switch (intent) {
    case 'add-spelling':
    case 'confirm': {
      const read = readSpelling(String(formData.get('spelling') ?? ''));
      if (!read.ok) return invalid({ spelling: read.error });
      const taken = (await listPeople(courseId)).find((p) => p.spellings.some((s) => s.norm === read.norm));
      if (taken) return invalid({ spelling: taken.id === person.id ? `${person.name} already has the spelling “${read.spelling}”.` : `“${read.spelling}” is a spelling of ${taken.name} already.` }, 409);
      await addSpelling(courseId, person.id, read, user.id);
      return { message: `“${read.spelling}” added.` };
    }
    case 'remove-spelling':
      if (!(await removeSpelling(courseId, person.id, norm))) return invalid({ form: 'That spelling is not one of theirs, or it is their name (change the name instead).' }, 409);
      return { message: 'Spelling removed.' };
    case 'reject':
      await rejectSpelling(courseId, person.id, norm, user.id);
      return { message: 'Suggestion rejected: it will not be suggested again.' };
    case 'edit': {
      const cases = await listCourseCases(courseId);
      const form = readPersonForm(formData, cases.map((c) => c.id));
      if (!form.ok) return invalid(form.fieldErrors);
      const { spellings, ...fields } = form.value;
      const done = await updatePerson(courseId, person.id, fields);
      if (done === 'taken') return invalid({ name: `${fields.name} is in the index already.` }, 409);
      // The new name is a spelling of theirs too.
      await addSpelling(courseId, person.id, spellings[0]!, user.id);
      return { message: 'Saved.' };
    }
    case 'delete':
      if (membership.role !== 'instructor') throw new Response('Only instructors can remove a person from the index', { status: 403 });
      await deletePerson(courseId, person.id);
      return redirect(`/c/${courseId}/people`);
    default:
      return invalid({ form: 'Unknown action.' });
  }
}

export default function PersonPage() {
  const { courseId, person, cases, mayEdit, isInstructor, suggestions, mentions } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const errors: Partial<Record<string, string>> = answer && 'fieldErrors' in answer ? answer.fieldErrors : {};
  const busy = navigation.state !== 'idle';
  const caseTitle = cases.find((c) => c.id === person.caseId)?.title ?? (cases.length === 2 ? 'Both cases' : 'Every case');
  return (
    <div className="person-page">
      <p className="breadcrumb">
        <Link to={`/c/${courseId}/people`}>People</Link> ›
      </p>
      <h1>{person.name}</h1>
      <p className="meta">
        {caseTitle}
        {person.role ? ` · ${person.role}` : ''}
      </p>
      {answer && 'message' in answer ? <p role="status">{answer.message}</p> : null}
      <FormError error={errors.form} />
      <section aria-labelledby="spellings">
        <h2 id="spellings">Spellings</h2>
        <ul className="spellings">
          {person.spellings.map((s, i) => (
            <li key={s.norm}>
              {s.spelling}
              {i === 0 ? <span className="meta"> (name)</span> : null}
              {mayEdit && i > 0 ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="norm" value={s.norm} />
                  <button type="submit" name="intent" value="remove-spelling" className="link-button" aria-label={`Remove the spelling ${s.spelling}`} disabled={busy}>
                    Remove
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {mayEdit ? (
          <Form method="post" className="add-spelling" noValidate>
            <label htmlFor="new-spelling">Add a spelling</label>{' '}
            <input id="new-spelling" name="spelling" maxLength={120} required aria-invalid={errors.spelling ? true : undefined} aria-describedby={errors.spelling ? 'new-spelling-error' : undefined} />{' '}
            <button type="submit" name="intent" value="add-spelling" disabled={busy}>
              Add
            </button>
            {errors.spelling ? (
              <p id="new-spelling-error" className="field-error" role="alert">
                {errors.spelling}
              </p>
            ) : null}
          </Form>
        ) : null}
      </section>
      {mayEdit ? (
        <section aria-labelledby="suggested">
          <h2 id="suggested">Spellings the sources may hold</h2>
          {suggestions.length === 0 ? (
            <p className="empty">No unlisted spelling close to theirs: the sources seem to hold none.</p>
          ) : (
            <>
              <p className="hint">Words a letter or two from one of their spellings. Confirm those that are theirs; a rejected one is not suggested again.</p>
              <ul className="suggestions">
                {suggestions.map((s) => (
                  <li key={s.norm}>
                    <strong>{s.written}</strong>{' '}
                    <span className="meta">
                      {s.uses} time{s.uses === 1 ? '' : 's'}:{' '}
                      {s.places.map((p, i) => (
                        <span key={`${p.documentId}:${p.block}`}>
                          {i > 0 ? ', ' : ''}
                          <Link to={`/c/${courseId}/d/${p.documentId}?mark=${encodeURIComponent(s.norm)}#b${p.block}`}>
                            {p.title} ¶ {p.block}
                          </Link>
                        </span>
                      ))}
                    </span>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="spelling" value={s.written} />
                      <input type="hidden" name="norm" value={s.norm} />
                      <button type="submit" name="intent" value="confirm" disabled={busy} aria-label={`Confirm ${s.written} as a spelling of ${person.name}`}>
                        Confirm
                      </button>{' '}
                      <button type="submit" name="intent" value="reject" className="secondary" disabled={busy} aria-label={`Reject ${s.written}`}>
                        Reject
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ) : null}
      <MentionColumns cases={cases} mentions={mentions} />
      {mayEdit ? (
        <section aria-labelledby="edit-person">
          <h2 id="edit-person">Edit</h2>
          {editing || errors.name || errors.role || errors.caseId ? (
            <Form method="post" noValidate onSubmit={() => setEditing(false)}>
              <PersonFields cases={cases} errors={errors} person={person} />
              <button type="submit" name="intent" value="edit" disabled={busy}>
                Save
              </button>{' '}
              <button type="button" className="secondary" onClick={() => setEditing(false)}>
                Cancel
              </button>
            </Form>
          ) : (
            <button type="button" onClick={() => setEditing(true)}>
              Edit name, role or case
            </button>
          )}{' '}
          {isInstructor ? (
            <button type="button" className="danger" onClick={() => setDeleting(true)}>
              Remove from the index…
            </button>
          ) : null}
          {deleting ? (
            <ConfirmDialog
              title={`Remove ${person.name}?`}
              confirmLabel="Remove"
              danger
              onCancel={() => setDeleting(false)}
              onConfirm={() => submit({ intent: 'delete' }, { method: 'post' })}
            >
              <p>Their spellings go too: search will no longer find them by their other spellings. This cannot be undone.</p>
            </ConfirmDialog>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.person.name} · People · Plenum` : 'People · Plenum' }];

export function ErrorBoundary() {
  return <RouteError what="this person" />;
}
