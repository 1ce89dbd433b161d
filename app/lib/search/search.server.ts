/**
 * A member's search of their course, as the search page and the course bar ask it: the query read
 * (or why it cannot be searched), its words widened to the close spellings the sources hold, the hits
 * of each kind the member may see, and each hit's excerpt with its matches marked. At most a few
 * searches a second per member (typing sends one per pause).
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { COUNT_CAP, searchCourse, widen, type SearchFilters, type SearchHit, type Searcher, type Widened } from '../../../db/queries/search';
import { RESULT_KINDS, type ResultKind } from './kinds';
import { excerptOf, type Excerpt } from './excerpt';
import { parseQuery, tsQueries } from './query';
import { peopleSpellings } from '../../../db/queries/people';
import { personTerms } from '~/lib/people/spellings';
import { peerView } from '~/lib/compare/peer-gate.server';
import type { Role } from '../../../db/queries/courses';

export type { SearchFilters };

export type FoundHit = Omit<SearchHit, 'text' | 'rank' | 'total'> & { excerpt: Excerpt };

export type SearchAnswer =
  | { ok: false; error: string }
  | {
      ok: true;
      /** Each kind's best hits, and how many it has in all. */
      groups: { kind: ResultKind; hits: FoundHit[]; total: number; /** There are at least `total` (counting stopped there). */ atLeast: boolean }[];
      /** Each word or name and the other spellings searched too (from the sources, or the person's in the people index). */
      widened: (Widened & { person?: { id: string; name: string } })[];
      /** Words no source of the course holds, and the closest spelling that one does. */
      didYouMean: { word: string; suggestion: string }[];
    };

/** Who searches (or reads counts of mentions), with what a closed peer gate keeps from them (peer-gate.server.ts). */
export async function searcherFor(courseId: string, userId: string, role: Role): Promise<Searcher> {
  const peers = await peerView(courseId, userId, role);
  return {
    courseId,
    userId,
    isInstructor: role === 'instructor',
    ...(peers.compare ? { peers: { documents: [...peers.documents], compare: peers.compare, allowed: [...peers.allowed] } } : {}),
  };
}

export const SEARCH_RATE = { searches: 20, seconds: 10 } as const;
const limiter = new RateLimiterMemory({ points: SEARCH_RATE.searches, duration: SEARCH_RATE.seconds, keyPrefix: 'search' });

/** False when the member has searched too often just now (the answer then says to wait). */
export async function mayRunSearch(userId: string): Promise<boolean> {
  try {
    await limiter.consume(userId);
    return true;
  } catch {
    return false;
  }
}

export async function runSearch(who: Searcher, raw: string, filters: SearchFilters): Promise<SearchAnswer> {
  const parsed = parseQuery(raw);
  if (!parsed.ok) return parsed;
  // A person's name (any listed spelling) is searched in all their spellings; other words in the close spellings the sources hold.
  // (Both at once: every typed word is widened, and those that turn out to be part of a person's name are dropped.)
  const [people, typed] = await Promise.all([peopleSpellings(who.courseId), widen(who.courseId, parsed.terms.flatMap((t) => (t.kind === 'word' ? [t.word] : [])))]);
  const { terms, matches } = personTerms(parsed.terms, people);
  const single = new Set(terms.flatMap((t) => (t.kind === 'word' ? [t.word] : [])));
  const widened: (Widened & { person?: { id: string; name: string } })[] = typed.filter((w) => single.has(w.word));
  for (const m of matches) {
    const known = widened.find((w) => w.word === m.key);
    if (known) Object.assign(known, { variants: [...new Set([...m.variants, ...known.variants])], person: m.person });
    else widened.push({ word: m.key, variants: m.variants, uses: 1, person: m.person });
  }
  const found = await searchCourse(who, tsQueries(terms, widened), filters);
  const match = {
    exact: new Set(terms.flatMap((t) => (t.kind === 'word' ? (t.prefix ? [] : [t.word]) : t.words))),
    prefixes: terms.flatMap((t) => (t.kind === 'word' && t.prefix ? [t.word] : [])),
    variants: new Set(widened.flatMap((w) => w.variants)),
  };
  return {
    ok: true,
    groups: RESULT_KINDS.map((kind) => ({
      kind,
      hits: found[kind].map(({ text, rank: _rank, total: _total, ...hit }) => {
        const excerpt = excerptOf(text, match);
        // A passage opens with its matches marked in the reader.
        const href = kind === 'source' && excerpt.matched.length > 0 ? hit.href.replace('#', `?mark=${encodeURIComponent(excerpt.matched.join(' '))}#`) : hit.href;
        return { ...hit, href, excerpt };
      }),
      total: found[kind][0]?.total ?? 0,
      atLeast: (found[kind][0]?.total ?? 0) >= COUNT_CAP,
    })),
    widened,
    didYouMean: widened.filter((w) => w.uses === 0 && !w.person && w.variants.length > 0).map((w) => ({ word: w.word, suggestion: w.variants[0]! })),
  };
}
