/**
 * The people index (migration 016, docs/people.md): the course's people, their spellings, and where the
 * course's sources (their newest versions) and the notes a member may see mention them. A mention is any
 * of a person's spellings, matched in search's normal form as a phrase (through search's client, db/sql.ts).
 */
import { searchSql, sql, type Transaction } from '../sql';
import { noteSeenBy, type Searcher } from './search';

export interface Spelling {
  spelling: string;
  norm: string;
}

export interface Person {
  id: string;
  name: string;
  role: string;
  caseId: string | null;
  /** The name first, then the variants in the order they were added. */
  spellings: Spelling[];
}

export interface PersonInput {
  name: string;
  role: string;
  caseId: string | null;
}

/** The tsquery of any of these spellings (normal forms: letters, digits and single spaces only). */
export const anySpelling = (norms: readonly string[]) => norms.map((n) => `(${n.split(' ').map((w) => `'${w}'`).join(' <-> ')})`).join(' | ');

export async function listPeople(courseId: string): Promise<Person[]> {
  return peopleOf(courseId, null);
}

export async function getPerson(courseId: string, personId: string): Promise<Person | null> {
  return (await peopleOf(courseId, personId))[0] ?? null;
}

/** The course's people (or the one of `personId`), each with their spellings: the name's first, then in the order added. */
function peopleOf(courseId: string, personId: string | null) {
  return sql<Person[]>`
    SELECT p.id, p.name, p.role, p.case_id AS "caseId",
           coalesce(json_agg(json_build_object('spelling', s.spelling, 'norm', s.norm)
                    ORDER BY s.norm <> plenum_norm(p.name), s.added_at, s.norm) FILTER (WHERE s.norm IS NOT NULL), '[]') AS spellings
    FROM people p LEFT JOIN person_spellings s ON s.person_id = p.id
    WHERE p.course_id = ${courseId} AND (${personId}::uuid IS NULL OR p.id = ${personId})
    GROUP BY p.id
    ORDER BY p.name`;
}

/** Adds a person with their spellings (the name's own among them); null when the course has someone of that name. */
export async function addPerson(courseId: string, input: PersonInput, spellings: readonly Spelling[], by: string | null, tx?: Transaction): Promise<string | null> {
  const work = async (tx: Transaction) => {
    const [row] = await tx<{ id: string }[]>`
      INSERT INTO people (course_id, name, role, case_id, created_by)
      VALUES (${courseId}, ${input.name}, ${input.role}, ${input.caseId}, ${by})
      ON CONFLICT (course_id, plenum_norm(name)) DO NOTHING
      RETURNING id`;
    if (!row) return null;
    for (const s of spellings) await addSpelling(courseId, row.id, s, by, tx);
    return row.id;
  };
  return tx ? work(tx) : sql.begin(work);
}

export async function updatePerson(courseId: string, personId: string, input: PersonInput): Promise<'ok' | 'taken' | 'missing'> {
  try {
    const rows = await sql`UPDATE people SET name = ${input.name}, role = ${input.role}, case_id = ${input.caseId} WHERE course_id = ${courseId} AND id = ${personId}`;
    return rows.count === 1 ? 'ok' : 'missing';
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return 'taken';
    throw error;
  }
}

export async function deletePerson(courseId: string, personId: string): Promise<boolean> {
  const rows = await sql`DELETE FROM people WHERE course_id = ${courseId} AND id = ${personId}`;
  return rows.count === 1;
}

/** Adds a spelling to a person of the course (false: no such person, or they have it already). */
export async function addSpelling(courseId: string, personId: string, s: Spelling, by: string | null, tx: Transaction | typeof sql = sql): Promise<boolean> {
  const rows = await tx`
    INSERT INTO person_spellings (person_id, spelling, norm, added_by)
    SELECT id, ${s.spelling}, ${s.norm}, ${by} FROM people WHERE course_id = ${courseId} AND id = ${personId}
    ON CONFLICT DO NOTHING`;
  if (rows.count === 1) await tx`DELETE FROM person_rejected_spellings WHERE person_id = ${personId} AND norm = ${s.norm}`;
  return rows.count === 1;
}

/** Removes a variant (never the name's own spelling). */
export async function removeSpelling(courseId: string, personId: string, norm: string): Promise<boolean> {
  const rows = await sql`
    DELETE FROM person_spellings s USING people p
    WHERE p.id = s.person_id AND p.course_id = ${courseId} AND p.id = ${personId} AND s.norm = ${norm} AND s.norm <> plenum_norm(p.name)`;
  return rows.count === 1;
}

/** Records that a suggested spelling is not this person's (it is not suggested again). */
export async function rejectSpelling(courseId: string, personId: string, norm: string, by: string): Promise<boolean> {
  const rows = await sql`
    INSERT INTO person_rejected_spellings (person_id, norm, rejected_by)
    SELECT id, ${norm}, ${by} FROM people WHERE course_id = ${courseId} AND id = ${personId}
    ON CONFLICT DO NOTHING`;
  return rows.count === 1;
}

export async function rejectedSpellings(personId: string): Promise<string[]> {
  const rows = await sql<{ norm: string }[]>`SELECT norm FROM person_rejected_spellings WHERE person_id = ${personId}`;
  return rows.map((r) => r.norm);
}

/** The course's sources' paragraphs `b` in their newest versions `v` (`cd`: the source in the course). */
const newestBlocksOf = (courseId: string) => sql`
  document_blocks b
  JOIN document_versions v ON v.id = b.version_id
  JOIN course_documents cd ON cd.document_id = v.document_id AND cd.course_id = ${courseId}`;
const isNewest = () => sql`NOT EXISTS (SELECT 1 FROM document_versions newer WHERE newer.document_id = v.document_id AND newer.version > v.version)`;

/** For each person, how many paragraphs of the sources mention them, and how many notes the member may see. */
export async function mentionCounts(who: Searcher, people: readonly Person[]): Promise<Map<string, { passages: number; notes: number }>> {
  if (people.length === 0) return new Map();
  const rows = await searchSql<{ id: string; passages: number; notes: number }[]>`
    SELECT p.id,
      (SELECT count(*) FROM ${newestBlocksOf(who.courseId)} WHERE ${isNewest()} AND b.search @@ to_tsquery('simple', p.q))::int AS passages,
      (SELECT count(*) FROM notes n WHERE n.course_id = ${who.courseId} AND NOT n.deleted AND ${noteSeenBy(who)}
         AND n.search @@ to_tsquery('simple', p.q))::int AS notes
    FROM unnest(${sql.array(people.map((p) => p.id))}::uuid[], ${sql.array(people.map((p) => anySpelling(p.spellings.map((s) => s.norm))))}::text[]) AS p(id, q)`;
  return new Map(rows.map((r) => [r.id, { passages: r.passages, notes: r.notes }]));
}

export interface Mention {
  documentId: string;
  title: string;
  caseId: string | null;
  block: number;
  text: string;
  /** The notes on this paragraph the member may see. */
  notes: { key: string; authorName: string; body: string; kind: 'note' | 'reply' }[];
}

/** Paragraphs mentioning any of these spellings (a source's in ¶ order), with the notes on each a member may see. */
export async function mentionsOf(who: Searcher, norms: readonly string[], limit = 300): Promise<Mention[]> {
  if (norms.length === 0) return [];
  return searchSql<Mention[]>`
    SELECT d.id AS "documentId", d.title, cd.case_id AS "caseId", b.number AS block, b.body AS text,
      coalesce((
        SELECT json_agg(json_build_object('key', n.author_id || ':' || n.id, 'authorName', u.display_name, 'body', n.body, 'kind', n.kind) ORDER BY n.created_at)
        FROM notes n JOIN users u ON u.id = n.author_id
        WHERE n.course_id = ${who.courseId} AND n.document_id = d.id AND n.document_version = v.version AND n.kind = 'note'
          AND NOT n.deleted AND ${noteSeenBy(who)}
          AND (n.selectors->'position'->>'start')::int >= b.start_offset AND (n.selectors->'position'->>'start')::int < b.end_offset
      ), '[]') AS notes
    FROM ${newestBlocksOf(who.courseId)}
    JOIN documents d ON d.id = v.document_id
    WHERE ${isNewest()} AND b.search @@ to_tsquery('simple', ${anySpelling(norms)})
    ORDER BY d.title, b.number
    LIMIT ${limit}`;
}

/**
 * The words of the course's sources within `distance` edits of `word` (Levenshtein; trigram similarity
 * first narrows them through the index), with how often each occurs; a hyphenated word counts joined
 * and is given as its parts ("valen kov"). And how often `word` itself occurs.
 */
export async function wordsNear(courseId: string, word: string, distance: number): Promise<{ near: { norm: string; uses: number }[]; uses: number }> {
  return sql.begin(async (tx) => {
    await tx`SELECT set_config('pg_trgm.similarity_threshold', '0.2', true)`;
    const fromWords = sql`
      FROM document_words w
      JOIN document_versions v ON v.id = w.version_id
      JOIN course_documents cd ON cd.document_id = v.document_id AND cd.course_id = ${courseId}
      WHERE ${isNewest()}`;
    const [near, [own]] = await Promise.all([
      tx<{ norm: string; uses: number }[]>`
        SELECT CASE WHEN w.parts = '' THEN w.word ELSE w.parts END AS norm, sum(w.uses)::int AS uses
        ${fromWords} AND w.word % ${word} AND w.word <> ${word} AND levenshtein_less_equal(w.word, ${word}, ${distance}) <= ${distance}
        GROUP BY 1
        ORDER BY min(levenshtein(w.word, ${word})), 2 DESC
        LIMIT 20`,
      tx<{ uses: number }[]>`SELECT coalesce(sum(w.uses), 0)::int AS uses ${fromWords} AND w.word = ${word} AND w.parts = ''`,
    ]);
    return { near, uses: own?.uses ?? 0 };
  });
}

/** Which of `candidates` are within `distance` edits of `norm` (Levenshtein, in PostgreSQL's fuzzystrmatch). */
export async function withinEdits(norm: string, candidates: readonly string[], distance: number): Promise<string[]> {
  if (candidates.length === 0) return [];
  const rows = await sql<{ c: string }[]>`
    SELECT c FROM unnest(${sql.array([...candidates])}::text[]) AS c WHERE levenshtein_less_equal(c, ${norm}, ${distance}) <= ${distance}`;
  return rows.map((r) => r.c);
}

/** Up to `limit` paragraphs (newest versions) holding any of these phrases, with their source and ¶. */
export async function paragraphsWith(courseId: string, norms: readonly string[], limit: number) {
  if (norms.length === 0) return [];
  return searchSql<{ documentId: string; title: string; block: number; text: string }[]>`
    SELECT d.id AS "documentId", d.title, b.number AS block, b.body AS text
    FROM ${newestBlocksOf(courseId)}
    JOIN documents d ON d.id = v.document_id
    WHERE ${isNewest()} AND b.search @@ to_tsquery('simple', ${anySpelling(norms)})
    ORDER BY d.title, b.number
    LIMIT ${limit}`;
}

/** Every person's spellings (normal forms), for reading a query or marking a source. */
export async function peopleSpellings(courseId: string): Promise<{ id: string; name: string; caseId: string | null; norms: string[] }[]> {
  return sql<{ id: string; name: string; caseId: string | null; norms: string[] }[]>`
    SELECT p.id, p.name, p.case_id AS "caseId", array_agg(s.norm ORDER BY s.norm) AS norms
    FROM people p JOIN person_spellings s ON s.person_id = p.id
    WHERE p.course_id = ${courseId}
    GROUP BY p.id
    ORDER BY p.name`;
}
