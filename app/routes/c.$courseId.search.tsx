/**
 * Search the course: its sources paragraph by paragraph, and the notes, links, board threads and matrix
 * entries the member may see, grouped by kind. The query is in the URL (a result list can be shared or
 * reloaded); typing searches after a pause, replacing the URL rather than adding history.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSearchParams, useSubmit } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { listCourseCases } from '../../db/queries/cases';
import { listCourseDocuments } from '../../db/queries/documents';
import { RouteError } from '~/components/route-error';
import { requireCourseRole } from '~/lib/auth.server';
import { caseLabel } from '~/lib/cases';
import { isUuid } from '~/lib/rooms/ids';
import { KIND_LABELS, RESULT_KINDS, type ResultKind } from '~/lib/search/kinds';
import { normalise } from '~/lib/search/normalise';
import { mayRunSearch, runSearch, searcherFor, SEARCH_RATE, type SearchAnswer, type SearchFilters } from '~/lib/search/search.server';
import { readersOfCourse } from '~/lib/sources/open-source.server';


export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requireCourseRole(request, params.courseId);
  const courseId = membership.course.id;
  const url = new URL(request.url);
  const q = url.searchParams.get('q') ?? '';
  const uuidParam = (name: string) => {
    const value = url.searchParams.get(name);
    return value && isUuid(value) ? value : undefined;
  };
  const kind = url.searchParams.get('kind');
  const filters: SearchFilters = {
    kind: RESULT_KINDS.includes(kind as ResultKind) ? (kind as ResultKind) : undefined,
    caseId: uuidParam('case'),
    documentId: uuidParam('source'),
    authorId: uuidParam('author'),
    tag: url.searchParams.get('tag')?.trim().toLowerCase().slice(0, 40) || undefined,
  };
  const [cases, sources, readers] = await Promise.all([listCourseCases(courseId), listCourseDocuments(courseId), readersOfCourse(courseId)]);
  const page = {
    courseId,
    q,
    filters,
    cases,
    sources: sources.map((s) => ({ id: s.id, title: s.title })),
    authors: Object.entries(readers.names).map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
  if (q.trim() === '') return { ...page, answer: null as SearchAnswer | null };
  if (!(await mayRunSearch(user.id))) {
    const answer: SearchAnswer = { ok: false, error: `That is more than ${SEARCH_RATE.searches} searches in ${SEARCH_RATE.seconds} seconds. Wait a few seconds and search again.` };
    return data({ ...page, answer }, { status: 429 });
  }
  const answer = await runSearch(await searcherFor(courseId, user.id, membership.role), q, filters);
  return data({ ...page, answer }, { status: answer.ok || answer.error === '' ? 200 : 400 });
}

export default function Search() {
  const { courseId, q, filters, cases, sources, authors, answer } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const form = useRef<HTMLFormElement>(null);
  const searching = navigation.state === 'loading' && navigation.location.pathname === `/c/${courseId}/search`;
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  // As you type: a search once typing pauses, in place of the last one in the history.
  const searchSoon = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => form.current && submit(form.current, { replace: true, preventScrollReset: true }), 300);
  };
  const total = answer?.ok ? answer.groups.reduce((n, g) => n + g.total, 0) : 0;
  const more = answer?.ok && answer.groups.some((g) => g.atLeast) ? ' or more' : '';
  return (
    <div className="search-page">
      <h1>Search</h1>
      <Form ref={form} method="get" className="search-form" role="search" onChange={searchSoon}>
        <label htmlFor="search-q">Search the sources, notes, links and threads</label>
        <div className="search-row">
          <input id="search-q" name="q" type="search" defaultValue={q} maxLength={400} autoComplete="off" placeholder="A name, a word, or a “quoted phrase”" autoFocus={!q} />
          <button type="submit">Search</button>
        </div>
        <fieldset className="search-filters">
          <legend>Only</legend>
          <Choice name="kind" label="Kind" value={filters.kind} options={RESULT_KINDS.map((k) => ({ id: k, name: KIND_LABELS[k] }))} />
          <Choice name="case" label="Case" value={filters.caseId} options={cases.map((c) => ({ id: c.id, name: c.title }))} />
          <Choice name="source" label="Source" value={filters.documentId} options={sources.map((s) => ({ id: s.id, name: s.title }))} />
          <Choice name="author" label="Author" value={filters.authorId} options={authors} />
          <label>
            Tag <input name="tag" defaultValue={filters.tag ?? ''} maxLength={40} size={10} />
          </label>
        </fieldset>
      </Form>
      <p className="search-status" role="status">
        {searching ? 'Searching…' : answer?.ok ? (total === 0 ? 'Nothing found.' : `${total.toLocaleString('en')}${more} result${total === 1 ? '' : 's'}.`) : ''}
      </p>
      {answer && !answer.ok && answer.error ? (
        <p className="field-error" role="alert">
          {answer.error}
        </p>
      ) : null}
      {answer?.ok ? <Answer courseId={courseId} answer={answer} cases={cases} q={q} oneKind={Boolean(filters.kind)} /> : null}
      {!answer ? (
        <div className="empty">
          <p>Try a person (“Malenkov”, “Choe Chang-ik”): every spelling the sources use is found, OCR misreadings included.</p>
          <p>
            Put a phrase in quotation marks (“anti-party group”). Press <kbd>/</kbd> on any course page to search.
          </p>
        </div>
      ) : null}
    </div>
  );
}

function Choice(props: { name: string; label: string; value: string | undefined; options: { id: string; name: string }[] }) {
  return (
    <label>
      {props.label}{' '}
      <select name={props.name} defaultValue={props.value ?? ''}>
        <option value="">Any</option>
        {props.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function Answer({ courseId, answer, cases, q, oneKind }: { courseId: string; answer: Extract<SearchAnswer, { ok: true }>; cases: Parameters<typeof caseLabel>[0]; q: string; oneKind: boolean }) {
  const [params] = useSearchParams();
  const allOf = (kind: string) => {
    const next = new URLSearchParams(params);
    next.set('kind', kind);
    return `?${next}`;
  };
  const widened = answer.widened.filter((w) => w.variants.length > 0);
  const groups = answer.groups.filter((g) => g.hits.length > 0);
  return (
    <>
      {answer.didYouMean.length > 0 ? (
        <p className="did-you-mean">
          No source spells {answer.didYouMean.map((d) => `“${d.word}”`).join(', ')}. Did you mean{' '}
          {answer.didYouMean.map((d, i) => (
            <span key={d.word}>
              {i > 0 ? ', ' : ''}
              <Link to={`?q=${encodeURIComponent(normalise(q).split(' ').map((w) => (w === d.word ? d.suggestion : w)).join(' '))}`}>{d.suggestion}</Link>
            </span>
          ))}
          ?
        </p>
      ) : null}
      {widened.some((w) => w.person) ? (
        <p className="hint">
          Also searched, as spellings in the people index:{' '}
          {widened
            .filter((w) => w.person)
            .map((w, i) => (
              <span key={w.word}>
                {i > 0 ? '; ' : ''}
                <Link to={`/c/${courseId}/people/${w.person!.id}`}>
                  {w.person!.name}
                </Link>{' '}
                → {w.variants.join(', ')}
              </span>
            ))}
          .
        </p>
      ) : null}
      {widened.some((w) => !w.person) ? (
        <p className="hint">
          Also searched, as close spellings in the sources: {widened.filter((w) => !w.person).map((w) => `${w.word} → ${w.variants.join(', ')}`).join('; ')}.
        </p>
      ) : null}
      {groups.length === 0 ? <p className="empty">Nothing matches. Try fewer words, another spelling, or fewer filters.</p> : null}
      {groups.map((group) => (
        <section key={group.kind} className="search-group" aria-labelledby={`group-${group.kind}`}>
          <h2 id={`group-${group.kind}`}>
            {KIND_LABELS[group.kind]} <span className="meta">({group.hits.length < group.total ? `first ${group.hits.length} of ${group.total.toLocaleString('en')}${group.atLeast ? ' or more' : ''}` : group.total})</span>
          </h2>
          <ol className="search-hits">
            {group.hits.map((hit) => (
              <li key={hit.key} className="search-hit">
                <Link to={hit.href} className="hit-title">
                  {hit.title}
                  {hit.block ? ` ¶ ${hit.block}` : ''}
                </Link>
                <span className="meta">
                  {hit.caseId ? ` · ${caseLabel(cases, hit.caseId)}` : ''}
                  {hit.authorName ? ` · ${hit.authorName}` : ''}
                  {hit.excerpt.spellings.length > 0 ? ` · spelled ${hit.excerpt.spellings.map((s) => `“${s}”`).join(', ')}` : ''}
                </span>
                <p className="excerpt">
                  {hit.excerpt.segments.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
                </p>
              </li>
            ))}
          </ol>
          {group.hits.length < group.total && !oneKind ? (
            <p>
              <Link to={allOf(group.kind)}>
                Show {group.atLeast ? 'more' : `all ${group.total}`} {KIND_LABELS[group.kind].toLowerCase()} results
              </Link>
            </p>
          ) : null}
        </section>
      ))}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.q ? `“${data.q}” · Search · Plenum` : 'Search · Plenum' }];

export function ErrorBoundary() {
  return <RouteError what="search" />;
}
