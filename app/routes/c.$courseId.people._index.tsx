/**
 * The people index: everyone the course's sources speak of, grouped by case, with their role, the
 * spellings they are written in, and how many passages and notes mention them. Members allowed to (the
 * instructors; students if the course says so) add people here.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { listCourseCases } from '../../db/queries/cases';
import { addPerson, listPeople, mentionCounts } from '../../db/queries/people';
import { FormError } from '~/components/field';
import { PersonFields } from '~/components/people/person-fields';
import { RouteError } from '~/components/route-error';
import { requireCourseRole } from '~/lib/auth.server';
import { searcherFor } from '~/lib/search/search.server';
import { invalid } from '~/lib/forms';
import { readPersonForm } from '~/lib/people/form';
import { mayEditPeople, requireEditPeople } from '~/lib/people/people.server';
import { normalise } from '~/lib/search/normalise';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const courseId = membership.course.id;
  const [people, cases, mayEdit] = await Promise.all([listPeople(courseId), listCourseCases(courseId), mayEditPeople(courseId, membership.role)]);
  const counts = await mentionCounts(await searcherFor(courseId, user.id, membership.role), people);
  return {
    courseId,
    cases,
    mayEdit,
    people: people.map((p) => ({ ...p, ...(counts.get(p.id) ?? { passages: 0, notes: 0 }) })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const courseId = membership.course.id;
  await requireEditPeople(courseId, membership.role);
  const cases = await listCourseCases(courseId);
  const form = readPersonForm(await request.formData(), cases.map((c) => c.id));
  if (!form.ok) return invalid(form.fieldErrors);
  const { spellings, ...person } = form.value;
  const id = await addPerson(courseId, person, spellings, user.id);
  if (!id) return invalid({ name: `${person.name} is in the index already.` }, 409);
  return { added: { id, name: person.name } };
}

export default function People() {
  const { courseId, cases, mayEdit, people } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const [filter, setFilter] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const added = answer && 'added' in answer ? answer.added : null;
  const errors = answer && 'fieldErrors' in answer ? answer.fieldErrors : {};
  useEffect(() => {
    if (added) form.current?.reset();
  }, [added]);
  const wanted = normalise(filter);
  const shown = people.filter((p) => wanted === '' || p.spellings.some((s) => s.norm.includes(wanted)) || normalise(p.role).includes(wanted));
  const groups = [...cases.map((c) => ({ id: c.id as string | null, title: c.title, colour: c.colour })), { id: null, title: cases.length === 2 ? 'Both cases' : 'Every case', colour: null }];
  return (
    <div className="people-page">
      <h1>People</h1>
      <p className="lede">
        Everyone the sources speak of, with every spelling they are written in. Search finds a person in any of these spellings, and the reader’s <em>People</em> toggle marks them.
      </p>
      <div className="people-filter">
        <label htmlFor="people-filter">Filter</label>{' '}
        <input id="people-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="A name or a role" />
      </div>
      {people.length === 0 ? <p className="empty">Nobody is in the index yet.{mayEdit ? ' Add the first person below.' : ''}</p> : null}
      {people.length > 0 && shown.length === 0 ? <p className="empty">Nobody matches “{filter}”.</p> : null}
      <div className="people-cases">
        {groups.map((group) => {
          const members = shown.filter((p) => p.caseId === group.id);
          if (members.length === 0) return null;
          return (
            <section key={group.id ?? 'all'} className="people-case" aria-labelledby={`case-${group.id ?? 'all'}`} style={group.colour ? { borderTopColor: group.colour } : undefined}>
              <h2 id={`case-${group.id ?? 'all'}`}>{group.title}</h2>
              <ul className="people-list">
                {members.map((p) => (
                  <li key={p.id}>
                    <Link to={p.id} className="person-name">
                      {p.name}
                    </Link>
                    <span className="meta">
                      {' '}
                      {p.passages} passage{p.passages === 1 ? '' : 's'} · {p.notes} note{p.notes === 1 ? '' : 's'}
                    </span>
                    {p.role ? <p className="person-role">{p.role}</p> : null}
                    {p.spellings.length > 1 ? <p className="person-spellings">Also written {p.spellings.slice(1).map((s) => s.spelling).join(', ')}</p> : null}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      {mayEdit ? (
        <section className="people-add" aria-labelledby="add-person">
          <h2 id="add-person">Add a person</h2>
          <Form method="post" ref={form} noValidate>
            <FormError error={errors.form} />
            <PersonFields cases={cases} errors={errors} withSpellings />
            <button type="submit" disabled={navigation.state === 'submitting'}>
              {navigation.state === 'submitting' ? 'Adding…' : 'Add person'}
            </button>
            {added ? (
              <p role="status">
                Added <Link to={added.id}>{added.name}</Link>.
              </p>
            ) : null}
          </Form>
        </section>
      ) : (
        <p className="hint">In this course, instructors keep the people index: tell them of a person or a spelling it lacks.</p>
      )}
      <p className="meta">
        Search the course for a person from the bar above, or <Link to={`/c/${courseId}/search`}>open search</Link>.
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'People · Plenum' }];

export function ErrorBoundary() {
  return <RouteError what="the people index" />;
}
