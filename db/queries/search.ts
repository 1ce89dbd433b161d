/**
 * Search in a course (docs/search.md): the sources' paragraphs (their newest versions), and what
 * members wrote that the searcher may see: notes and replies, evidence links and their replies, board
 * posts, matrix entries. Full-text search over search's normal form (`plenum_norm`), each word widened
 * to the close spellings the course's sources hold (trigram similarity: OCR misreadings of a name).
 * Reads projections, never rooms, with the reader's visibility rules.
 */
// Search's own client: each statement planned for its words, with the trigram threshold set (db/sql.ts).
import { searchSql as sql } from '../sql';

export type ResultKind = 'source' | 'note' | 'link' | 'thread' | 'matrix';

export interface SearchFilters {
  kind?: ResultKind;
  caseId?: string;
  documentId?: string;
  authorId?: string;
  tag?: string;
}

export interface SearchHit {
  kind: ResultKind;
  key: string;
  /** The source (or thread) it is in. */
  title: string;
  documentId: string | null;
  block: number | null;
  caseId: string | null;
  authorId: string | null;
  authorName: string | null;
  text: string;
  /** Where it opens. */
  href: string;
  rank: number;
  /** How many hits of its kind there are in all (this is one of the best `limit`). */
  total: number;
}

/** A word and the spellings of it the sources hold that it was widened to. */
export interface Widened {
  word: string;
  /** In normal form; one of several words ("valen kov") is a phrase. */
  variants: string[];
  /** How often the word itself occurs in the course's sources. */
  uses: number;
}

/** Hits of each kind: the best few of every kind, or many more of the one kind asked for. */
export const SEARCH_LIMITS = { perKind: 20, oneKind: 500 } as const;
/** The course's sources' spellings close to each word of five letters or more, rarer than the word itself. */
export async function widen(courseId: string, words: readonly string[]): Promise<Widened[]> {
  // (The trigram index prunes by search's connections' threshold, CLOSE_SPELLING in db/sql.ts: pg_trgm's default, 0.3, hands it many more candidates.)
  return Promise.all(
    words.map(async (word) => {
      const [rows, [own]] = await Promise.all([
        word.length < 5
          ? []
          : sql<{ word: string; uses: number; score: number }[]>`
              SELECT CASE WHEN w.parts = '' THEN w.word ELSE w.parts END AS word, sum(w.uses)::int AS uses, max(similarity(w.word, ${word})) AS score
              FROM document_words w
              JOIN document_versions v ON v.id = w.version_id
              JOIN course_documents cd ON cd.document_id = v.document_id AND cd.course_id = ${courseId}
              WHERE w.word % ${word} AND w.word <> ${word}
                -- A hyphenated compound of the word ("chang-ik" for "chang") is the word itself, not a misreading of it.
                AND NOT ${word} = ANY (string_to_array(w.parts, ' '))
                AND NOT EXISTS (SELECT 1 FROM document_versions newer WHERE newer.document_id = v.document_id AND newer.version > v.version)
              GROUP BY 1
              ORDER BY score DESC
              LIMIT 8`,
        sql<{ uses: number }[]>`
          SELECT coalesce(sum(w.uses), 0)::int AS uses
          FROM document_words w
          JOIN document_versions v ON v.id = w.version_id
          JOIN course_documents cd ON cd.document_id = v.document_id AND cd.course_id = ${courseId}
          WHERE w.word = ${word} AND w.parts = ''
            AND NOT EXISTS (SELECT 1 FROM document_versions newer WHERE newer.document_id = v.document_id AND newer.version > v.version)`,
      ]);
      const uses = own?.uses ?? 0;
      // An OCR misreading is a rare form of a word: a more common word is a different one ("party", not "parts").
      const variants = rows.filter((r) => uses === 0 || r.uses < uses).slice(0, 6).map((r) => r.word);
      return { word, variants, uses };
    }),
  );
}

export interface Queries {
  exact: string;
  widened: string;
  close: string | null;
}

export interface Searcher {
  courseId: string;
  userId: string;
  isInstructor: boolean;
  /**
   * A closed peer gate (app/lib/compare/peer-gate.server.ts): classmates' notes on these sources, and their
   * work in the compare room (`compare`), are not the member's to see yet; `allowed` authors' always are.
   */
  peers?: { documents: readonly string[]; compare: boolean; allowed: readonly string[] };
}

/** Whether `author` (a column) is shown under the searcher's peer gate, for work on `documentColumn` (null: the compare room's). */
function gateAllows(who: Searcher, author: ReturnType<typeof sql>, documentColumn: ReturnType<typeof sql> | null) {
  const peers = who.peers;
  if (!peers || (documentColumn === null ? !peers.compare : peers.documents.length === 0)) return sql`TRUE`;
  const allowed = sql`${author} = ANY(${sql.array([...peers.allowed])}::uuid[])`;
  return documentColumn === null ? allowed : sql`(NOT ${documentColumn} = ANY(${sql.array([...peers.documents])}::uuid[]) OR ${allowed})`;
}

/** The best hits of each kind the searcher may see: those with every word as typed first, then by rank. */
export async function searchCourse(who: Searcher, queries: Queries, filters: SearchFilters = {}): Promise<Record<ResultKind, SearchHit[]>> {
  const wanted = (kind: ResultKind) => !filters.kind || filters.kind === kind;
  const limit = filters.kind ? SEARCH_LIMITS.oneKind : SEARCH_LIMITS.perKind;
  const [source, note, link, thread, matrix] = await Promise.all([
    wanted('source') ? sources(who, queries, filters, limit) : [],
    wanted('note') ? notes(who, queries, filters, limit) : [],
    wanted('link') ? links(who, queries, filters, limit) : [],
    wanted('thread') && !filters.documentId && !filters.caseId ? threads(who, queries, filters, limit) : [],
    wanted('matrix') && !filters.documentId ? matrixEntries(who, queries, filters, limit) : [],
  ]);
  return { source, note, link, thread, matrix };
}

type Row = Omit<SearchHit, 'kind' | 'href'> & { href?: string };

/** More matches than this are counted as "this many or more": counting every match of a common word would cost more than finding the first. */
export const COUNT_CAP = 200;

/** The reader's rule for a note `n` (docs/notes.md): the class's (hidden: its author and instructors), one's own, staff for instructors. */
export const noteSeenBy = (who: Searcher) => sql`(
  (n.visibility = 'class' AND (NOT n.hidden OR n.author_id = ${who.userId} OR ${who.isInstructor}))
  OR (n.visibility = 'private' AND n.author_id = ${who.userId})
  OR (n.visibility = 'staff' AND ${who.isInstructor}))
  AND ${gateAllows(who, sql`n.author_id`, sql`n.document_id`)}`;

const tsq = (query: string) => sql`to_tsquery('simple', ${query})`;

/**
 * The hits of a large table (the sources' paragraphs, the notes) without ranking every match: those with
 * every word as typed first, then those found only through a close spelling, each in the table's order
 * (a source's ¶ order, the order notes were written), stopping at `limit`; and how many match, up to
 * COUNT_CAP. `select` is the selected columns, `from` the joins and conditions (ending in a WHERE clause),
 * `vector` the searched column.
 */
async function exactFirst(select: ReturnType<typeof sql>, from: ReturnType<typeof sql>, vector: ReturnType<typeof sql>, q: Queries, limit: number): Promise<(Row & { total: number })[]> {
  const [rows, [counted]] = await Promise.all([
    q.close === null
      ? sql<Row[]>`SELECT ${select}, 1 AS rank ${from} AND ${vector} @@ ${tsq(q.exact)} LIMIT ${limit}`
      : sql<Row[]>`
          (SELECT ${select}, 1 AS rank ${from} AND ${vector} @@ ${tsq(q.exact)} LIMIT ${limit})
          UNION ALL
          (SELECT ${select}, 0 AS rank ${from} AND ${vector} @@ ${tsq(q.close)} AND NOT ${vector} @@ ${tsq(q.exact)} LIMIT ${limit})
          LIMIT ${limit}`,
    sql<{ total: number }[]>`SELECT count(*)::int AS total FROM (SELECT 1 ${from} AND ${vector} @@ ${tsq(q.widened)} LIMIT ${COUNT_CAP}) matches`,
  ]);
  return rows.map((r) => ({ ...r, total: counted!.total }));
}

async function sources(who: Searcher, q: Queries, f: SearchFilters, limit: number): Promise<SearchHit[]> {
  if (f.authorId || f.tag) return [];
  const rows = await exactFirst(
    sql`d.id || ':' || b.number AS key, d.title, d.id AS "documentId", b.number AS block, cd.case_id AS "caseId",
        NULL AS "authorId", NULL AS "authorName", b.body AS text`,
    sql`FROM document_blocks b
        JOIN document_versions v ON v.id = b.version_id
        JOIN documents d ON d.id = v.document_id
        JOIN course_documents cd ON cd.document_id = d.id AND cd.course_id = ${who.courseId}
        WHERE NOT EXISTS (SELECT 1 FROM document_versions newer WHERE newer.document_id = v.document_id AND newer.version > v.version)
          AND (${f.documentId ?? null}::uuid IS NULL OR d.id = ${f.documentId ?? null})
          AND (${f.caseId ?? null}::uuid IS NULL OR cd.case_id = ${f.caseId ?? null})`,
    sql`b.search`,
    q,
    limit,
  );
  return rows.map((r) => ({ ...r, kind: 'source', href: `/c/${who.courseId}/d/${r.documentId}#b${r.block}` }));
}

async function notes(who: Searcher, q: Queries, f: SearchFilters, limit: number): Promise<SearchHit[]> {
  const rows = await exactFirst(
    // (The ¶ of a note's passage, looked up for the hits shown only: not for every match counted.)
    sql`n.author_id || ':' || n.id AS key, d.title, d.id AS "documentId", cd.case_id AS "caseId",
        (SELECT b.number FROM document_blocks b WHERE b.version_id = v.id AND b.start_offset <= (n.selectors->'position'->>'start')::int
         ORDER BY b.start_offset DESC LIMIT 1) AS block,
        n.author_id AS "authorId", u.display_name AS "authorName", n.body AS text, n.kind AS "noteKind", n.parent_author_id || ':' || n.parent_id AS parent`,
    sql`FROM notes n
        JOIN documents d ON d.id = n.document_id
        JOIN course_documents cd ON cd.document_id = d.id AND cd.course_id = n.course_id
        JOIN users u ON u.id = n.author_id
        LEFT JOIN document_versions v ON v.document_id = n.document_id AND v.version = n.document_version
        WHERE n.course_id = ${who.courseId} AND NOT n.deleted
          AND ${noteSeenBy(who)}
          AND (${f.documentId ?? null}::uuid IS NULL OR d.id = ${f.documentId ?? null})
          AND (${f.caseId ?? null}::uuid IS NULL OR cd.case_id = ${f.caseId ?? null})
          AND (${f.authorId ?? null}::uuid IS NULL OR n.author_id = ${f.authorId ?? null})
          AND (${f.tag ?? null}::text IS NULL OR ${f.tag ?? null} = ANY (n.tags))`,
    sql`n.search`,
    q,
    limit,
  );
  return rows.map((r) => {
    const { noteKind, parent, ...hit } = r as Row & { total: number; noteKind: string; parent: string | null };
    const noteKey = noteKind === 'reply' && parent ? parent : hit.key;
    return { ...hit, kind: 'note', href: `/c/${who.courseId}/d/${hit.documentId}?note=${encodeURIComponent(noteKey)}` };
  });
}

async function links(who: Searcher, q: Queries, f: SearchFilters, limit: number): Promise<SearchHit[]> {
  // A link's comment and its replies' text; a link is found by either.
  const rows = await sql<(Row & { sourceB: string; blockB: number; linkKey: string })[]>`
    WITH found AS (
      SELECT l.author_id || ':' || l.id AS key, l.author_id || ':' || l.id AS link_key, l.author_id, l.comment AS text,
             (l.search @@ to_tsquery('simple', ${q.exact}))::int * 10
               + ts_rank(l.search, to_tsquery('simple', ${q.widened})) AS rank
      FROM evidence_links l
      WHERE l.course_id = ${who.courseId} AND NOT l.deleted
        AND l.search @@ to_tsquery('simple', ${q.widened})
      UNION ALL
      SELECT r.author_id || ':' || r.id, r.link_author_id || ':' || r.link_id, r.author_id, r.body,
             (r.search @@ to_tsquery('simple', ${q.exact}))::int * 10
               + ts_rank(r.search, to_tsquery('simple', ${q.widened}))
      FROM link_replies r
      WHERE r.course_id = ${who.courseId} AND NOT r.deleted AND (NOT r.hidden OR r.author_id = ${who.userId} OR ${who.isInstructor})
        AND r.search @@ to_tsquery('simple', ${q.widened})
    )
    SELECT found.key, found.link_key AS "linkKey", d.title, l.source_a AS "documentId", l.block_a AS block, cd.case_id AS "caseId",
           found.author_id AS "authorId", u.display_name AS "authorName", found.text, found.rank,
           l.source_b AS "sourceB", l.block_b AS "blockB", count(*) OVER ()::int AS total
    FROM found
    JOIN evidence_links l ON l.course_id = ${who.courseId} AND l.author_id || ':' || l.id = found.link_key AND NOT l.deleted
    JOIN documents d ON d.id = l.source_a
    JOIN course_documents cd ON cd.document_id = l.source_a AND cd.course_id = l.course_id
    JOIN users u ON u.id = found.author_id
    WHERE ((l.visibility = 'class' AND (NOT l.hidden OR l.author_id = ${who.userId} OR ${who.isInstructor})) OR (l.visibility = 'private' AND l.author_id = ${who.userId}))
      AND ${gateAllows(who, sql`l.author_id`, null)} AND ${gateAllows(who, sql`found.author_id`, null)}
      AND (${f.documentId ?? null}::uuid IS NULL OR ${f.documentId ?? null} IN (l.source_a, l.source_b))
      AND (${f.caseId ?? null}::uuid IS NULL OR cd.case_id = ${f.caseId ?? null}
           OR EXISTS (SELECT 1 FROM course_documents cb WHERE cb.course_id = l.course_id AND cb.document_id = l.source_b AND cb.case_id = ${f.caseId ?? null}))
      AND (${f.authorId ?? null}::uuid IS NULL OR found.author_id = ${f.authorId ?? null})
    ORDER BY found.rank DESC
    LIMIT ${limit}`;
  return rows.map(({ sourceB, blockB, linkKey, ...r }) => ({
    ...r,
    kind: 'link',
    href: `/c/${who.courseId}/compare?left=${r.documentId}&right=${sourceB}&thread=${encodeURIComponent(linkKey)}#left-b${r.block},right-b${blockB}`,
  }));
}

async function threads(who: Searcher, q: Queries, f: SearchFilters, limit: number): Promise<SearchHit[]> {
  const rows = await sql<(Row & { threadKey: string })[]>`
    SELECT p.author_id || ':' || p.id AS key, coalesce(t.title, p.title) AS title, NULL AS "documentId", NULL::int AS block, NULL AS "caseId",
           p.author_id AS "authorId", u.display_name AS "authorName", trim(p.title || E'\n' || p.body) AS text,
           CASE WHEN p.kind = 'thread' THEN p.author_id || ':' || p.id ELSE p.thread_author_id || ':' || p.thread_id END AS "threadKey",
           (p.search @@ to_tsquery('simple', ${q.exact}))::int * 10
             + ts_rank(p.search, to_tsquery('simple', ${q.widened})) AS rank,
           count(*) OVER ()::int AS total
    FROM board_posts p
    JOIN users u ON u.id = p.author_id
    LEFT JOIN board_posts t ON t.room = p.room AND t.kind = 'thread' AND t.author_id = p.thread_author_id AND t.id = p.thread_id
    WHERE p.course_id = ${who.courseId} AND NOT p.deleted AND (NOT p.hidden OR p.author_id = ${who.userId} OR ${who.isInstructor})
      AND p.search @@ to_tsquery('simple', ${q.widened})
      AND (${f.authorId ?? null}::uuid IS NULL OR p.author_id = ${f.authorId ?? null})
    ORDER BY rank DESC, p.created_at DESC
    LIMIT ${f.tag ? 0 : limit}`;
  return rows.map(({ threadKey, ...r }) => ({ ...r, kind: 'thread', href: `/c/${who.courseId}/board?thread=${encodeURIComponent(threadKey)}` }));
}

async function matrixEntries(who: Searcher, q: Queries, f: SearchFilters, limit: number): Promise<SearchHit[]> {
  const rows = await sql<Row[]>`
    SELECT e.author_id || ':' || e.id AS key, r.title, e.source_a AS "documentId", e.block_a AS block, e.case_id AS "caseId",
           e.author_id AS "authorId", u.display_name AS "authorName", e.claim AS text,
           (e.search @@ to_tsquery('simple', ${q.exact}))::int * 10
             + ts_rank(e.search, to_tsquery('simple', ${q.widened})) AS rank,
           count(*) OVER ()::int AS total
    FROM matrix_entries e
    JOIN matrix_rows r ON r.room = e.room AND r.id = e.row_id AND NOT r.deleted
    JOIN users u ON u.id = e.author_id
    WHERE e.course_id = ${who.courseId} AND NOT e.deleted AND (NOT e.hidden OR e.author_id = ${who.userId} OR ${who.isInstructor})
      AND ${gateAllows(who, sql`e.author_id`, null)}
      AND e.search @@ to_tsquery('simple', ${q.widened})
      AND (${f.caseId ?? null}::uuid IS NULL OR e.case_id = ${f.caseId ?? null})
      AND (${f.authorId ?? null}::uuid IS NULL OR e.author_id = ${f.authorId ?? null})
    ORDER BY rank DESC
    LIMIT ${f.tag ? 0 : limit}`;
  return rows.map((r) => ({ ...r, kind: 'matrix', href: `/c/${who.courseId}/d/${r.documentId}#b${r.block}` }));
}
