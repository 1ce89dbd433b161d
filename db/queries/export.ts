/**
 * What a member exports of a course (docs/export.md): notes with their replies, evidence links, matrix entries,
 * timeline events and board posts, read from the projections in pages of rows (a cursor), so a whole course
 * is never held in memory. `whole`
 * (instructors only: the route checks) is everyone's work but other members' private notes and links;
 * otherwise the member's own work.
 */
import { sql } from '../sql';

export interface ExportScope {
  courseId: string;
  userId: string;
  whole: boolean;
  /** Some of the course's sources only (one, or an assignment's), or null: all of them, archived ones too, and the board. */
  documentIds: readonly string[] | null;
}

export interface ExportedNote {
  id: string;
  authorId: string;
  authorName: string;
  kind: 'note' | 'reply';
  visibility: 'class' | 'private' | 'staff';
  hidden: boolean;
  tags: string[];
  body: string;
  createdAt: Date;
  /** A reply's note, as "<author id>:<id>". */
  parent: string | null;
  documentId: string;
  documentVersion: number;
  title: string;
  /** The ¶ of the passage (a reply's: its note's), and its quote and selectors. */
  block: number | null;
  quote: string | null;
  selectors: { position: { start: number; end: number }; quote: { exact: string; prefix: string; suffix: string } } | null;
}

export interface ExportedLink {
  id: string;
  authorId: string;
  authorName: string;
  visibility: 'class' | 'private';
  hidden: boolean;
  relation: string;
  comment: string;
  createdAt: Date;
  ends: unknown;
  a: { documentId: string; title: string; block: number; quote: string };
  b: { documentId: string; title: string; block: number; quote: string };
}

/** Whether the work on `column` (a source id) is in the scope's sources. */
const onSources = (scope: ExportScope, column: ReturnType<typeof sql>) =>
  scope.documentIds === null ? sql`TRUE` : sql`${column} = ANY(${sql.array([...scope.documentIds])}::uuid[])`;
/** Whether a link or matrix entry citing `a` (and perhaps `b`) is in the scope's sources. */
const citesSources = (scope: ExportScope, a: ReturnType<typeof sql>, b: ReturnType<typeof sql>) =>
  scope.documentIds === null ? sql`TRUE` : sql`(${onSources(scope, a)} OR ${onSources(scope, b)})`;

/** Rows per page read from PostgreSQL. */
const PAGE = 500;

const mine = (scope: ExportScope, author: ReturnType<typeof sql>, visibility: ReturnType<typeof sql>) =>
  scope.whole ? sql`(${visibility} <> 'private' OR ${author} = ${scope.userId})` : sql`${author} = ${scope.userId}`;

/** A member's work in the class's rooms: their own, or (whole) everyone's; hidden entries only to their author and instructors (whole is instructors'). */
const ownOrAll = (scope: ExportScope, author: ReturnType<typeof sql>) => (scope.whole ? sql`TRUE` : sql`${author} = ${scope.userId}`);

/** Notes by source (in the course's reading order) and ¶, each followed by its replies. */
export function exportedNotes(scope: ExportScope): AsyncIterable<ExportedNote[]> {
  return sql<ExportedNote[]>`
    SELECT n.id, n.author_id AS "authorId", u.display_name AS "authorName", n.kind, n.visibility, n.hidden, n.tags, n.body,
           n.created_at AS "createdAt", CASE WHEN n.kind = 'reply' THEN n.parent_author_id || ':' || n.parent_id END AS parent,
           n.document_id AS "documentId", coalesce(p.document_version, n.document_version) AS "documentVersion", d.title,
           coalesce(p.quote, n.quote) AS quote, coalesce(p.selectors, n.selectors) AS selectors,
           (SELECT b.number FROM document_blocks b JOIN document_versions v ON v.id = b.version_id
            WHERE v.document_id = n.document_id AND v.version = coalesce(p.document_version, n.document_version)
              AND b.start_offset <= (coalesce(p.selectors, n.selectors)->'position'->>'start')::int
            ORDER BY b.start_offset DESC LIMIT 1) AS block
    FROM notes n
    JOIN users u ON u.id = n.author_id
    JOIN documents d ON d.id = n.document_id
    JOIN course_documents cd ON cd.course_id = n.course_id AND cd.document_id = n.document_id
    LEFT JOIN notes p ON n.kind = 'reply' AND p.room = n.room AND p.author_id = n.parent_author_id AND p.id = n.parent_id
    WHERE n.course_id = ${scope.courseId} AND NOT n.deleted AND ${mine(scope, sql`n.author_id`, sql`n.visibility`)}
      AND ${onSources(scope, sql`n.document_id`)}
    ORDER BY cd.position, (coalesce(p.selectors, n.selectors)->'position'->>'start')::int NULLS FIRST,
             coalesce(p.created_at, n.created_at), coalesce(p.author_id, n.author_id), coalesce(p.id, n.id), n.kind = 'reply', n.created_at`.cursor(PAGE);
}

/** Evidence links, oldest first: on one source, those with an end on it. */
export function exportedLinks(scope: ExportScope): AsyncIterable<ExportedLink[]> {
  return sql<ExportedLink[]>`
    SELECT l.id, l.author_id AS "authorId", u.display_name AS "authorName", l.visibility, l.hidden, l.relation, l.comment,
           l.created_at AS "createdAt", l.ends,
           json_build_object('documentId', l.source_a, 'title', da.title, 'block', l.block_a, 'quote', l.quote_a) AS a,
           json_build_object('documentId', l.source_b, 'title', db.title, 'block', l.block_b, 'quote', l.quote_b) AS b
    FROM evidence_links l
    JOIN users u ON u.id = l.author_id
    JOIN documents da ON da.id = l.source_a
    JOIN documents db ON db.id = l.source_b
    WHERE l.course_id = ${scope.courseId} AND NOT l.deleted AND ${mine(scope, sql`l.author_id`, sql`l.visibility`)}
      AND ${citesSources(scope, sql`l.source_a`, sql`l.source_b`)}
    ORDER BY l.created_at, l.author_id, l.id`.cursor(PAGE);
}

/** How many rows an export will have, for its progress. */
export async function exportSize(scope: ExportScope): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    SELECT ((SELECT count(*) FROM notes n WHERE n.course_id = ${scope.courseId} AND NOT n.deleted AND ${mine(scope, sql`n.author_id`, sql`n.visibility`)}
              AND ${onSources(scope, sql`n.document_id`)})
         + (SELECT count(*) FROM evidence_links l WHERE l.course_id = ${scope.courseId} AND NOT l.deleted AND ${mine(scope, sql`l.author_id`, sql`l.visibility`)}
              AND ${citesSources(scope, sql`l.source_a`, sql`l.source_b`)})
         + (SELECT count(*) FROM matrix_entries e JOIN matrix_rows r ON r.course_id = e.course_id AND r.id = e.row_id AND NOT r.deleted
              WHERE e.course_id = ${scope.courseId} AND NOT e.deleted AND ${ownOrAll(scope, sql`e.author_id`)}
              AND ${citesSources(scope, sql`e.source_a`, sql`e.source_b`)})
         + (SELECT count(*) FROM timeline_events t WHERE t.course_id = ${scope.courseId} AND NOT t.deleted AND ${ownOrAll(scope, sql`t.author_id`)}
              AND ${onSources(scope, sql`t.source`)})
         + (SELECT count(*) FROM board_posts p WHERE p.course_id = ${scope.courseId} AND NOT p.deleted AND ${scope.documentIds === null}
              AND ${ownOrAll(scope, sql`p.author_id`)}))::int AS n`;
  return Number(row!.n);
}

/**
 * One note or reply, or one evidence link, by its author and id, as `userId` may see it in a course of
 * theirs (the reader's rules: the class's, hidden ones for their author and instructors; private ones for
 * their author; staff ones for instructors). Null when there is none they may see.
 */
export async function annotationFor(userId: string, authorId: string, id: string): Promise<{ courseId: string; role: string; note: ExportedNote | null; link: ExportedLink | null } | null> {
  const seen = (author: ReturnType<typeof sql>, visibility: ReturnType<typeof sql>, hidden: ReturnType<typeof sql>) => sql`(
    (${visibility} = 'class' AND (NOT ${hidden} OR ${author} = ${userId} OR m.role = 'instructor'))
    OR (${visibility} = 'private' AND ${author} = ${userId})
    OR (${visibility} = 'staff' AND m.role = 'instructor'))`;
  const [note] = await sql<(ExportedNote & { courseId: string; role: string })[]>`
    SELECT n.id, n.author_id AS "authorId", u.display_name AS "authorName", n.kind, n.visibility, n.hidden, n.tags, n.body,
           n.created_at AS "createdAt", CASE WHEN n.kind = 'reply' THEN n.parent_author_id || ':' || n.parent_id END AS parent,
           n.document_id AS "documentId", n.document_version AS "documentVersion", d.title, NULL AS block,
           n.quote, n.selectors, n.course_id AS "courseId", m.role
    FROM notes n
    JOIN memberships m ON m.course_id = n.course_id AND m.user_id = ${userId}
    JOIN users u ON u.id = n.author_id
    JOIN documents d ON d.id = n.document_id
    WHERE n.author_id = ${authorId} AND n.id = ${id} AND NOT n.deleted AND ${seen(sql`n.author_id`, sql`n.visibility`, sql`n.hidden`)}
    LIMIT 1`;
  if (note) return { courseId: note.courseId, role: note.role, note, link: null };
  const [link] = await sql<(ExportedLink & { courseId: string; role: string })[]>`
    SELECT l.id, l.author_id AS "authorId", u.display_name AS "authorName", l.visibility, l.hidden, l.relation, l.comment,
           l.created_at AS "createdAt", l.ends, l.course_id AS "courseId", m.role,
           json_build_object('documentId', l.source_a, 'title', '', 'block', l.block_a, 'quote', l.quote_a) AS a,
           json_build_object('documentId', l.source_b, 'title', '', 'block', l.block_b, 'quote', l.quote_b) AS b
    FROM evidence_links l
    JOIN memberships m ON m.course_id = l.course_id AND m.user_id = ${userId}
    JOIN users u ON u.id = l.author_id
    WHERE l.author_id = ${authorId} AND l.id = ${id} AND NOT l.deleted AND ${seen(sql`l.author_id`, sql`l.visibility`, sql`l.hidden`)}
    LIMIT 1`;
  return link ? { courseId: link.courseId, role: link.role, note: null, link } : null;
}

export interface ExportedMatrixEntry {
  id: string;
  authorId: string;
  authorName: string;
  hidden: boolean;
  claim: string;
  rowTitle: string;
  caseTitle: string;
  createdAt: Date;
  evidence: unknown;
  a: { documentId: string; title: string; block: number; quote: string };
  b: { documentId: string; title: string; block: number; quote: string } | null;
}

export interface ExportedEvent {
  id: string;
  authorId: string;
  authorName: string;
  hidden: boolean;
  label: string;
  when: { start: string; end?: string; precision: 'day' | 'month' | 'year' };
  lane: string | null;
  createdAt: Date;
  target: unknown;
  documentId: string;
  title: string;
  block: number;
  quote: string;
}

export interface ExportedPost {
  id: string;
  authorId: string;
  authorName: string;
  hidden: boolean;
  kind: 'thread' | 'reply';
  title: string;
  body: string;
  /** A reply's thread, and the post it answers, as "<author id>:<id>". */
  thread: string | null;
  parent: string | null;
  createdAt: Date;
}

/** The comparison matrix's entries, by row and case; on one source, those citing it. */
export function exportedMatrix(scope: ExportScope): AsyncIterable<ExportedMatrixEntry[]> {
  return sql<ExportedMatrixEntry[]>`
    SELECT e.id, e.author_id AS "authorId", u.display_name AS "authorName", e.hidden, e.claim, r.title AS "rowTitle", cc.title AS "caseTitle",
           e.created_at AS "createdAt", e.evidence,
           json_build_object('documentId', e.source_a, 'title', da.title, 'block', e.block_a, 'quote', e.quote_a) AS a,
           CASE WHEN e.source_b IS NULL THEN NULL ELSE json_build_object('documentId', e.source_b, 'title', db.title, 'block', e.block_b, 'quote', e.quote_b) END AS b
    FROM matrix_entries e
    JOIN users u ON u.id = e.author_id
    JOIN matrix_rows r ON r.course_id = e.course_id AND r.id = e.row_id AND NOT r.deleted
    JOIN course_cases cc ON cc.id = e.case_id
    JOIN documents da ON da.id = e.source_a
    LEFT JOIN documents db ON db.id = e.source_b
    WHERE e.course_id = ${scope.courseId} AND NOT e.deleted AND ${ownOrAll(scope, sql`e.author_id`)}
      AND ${citesSources(scope, sql`e.source_a`, sql`e.source_b`)}
    ORDER BY r.position, cc.position, e.created_at, e.author_id, e.id`.cursor(PAGE);
}

/** The timeline's events by date; on one source, those made from it. */
export function exportedEvents(scope: ExportScope): AsyncIterable<ExportedEvent[]> {
  return sql<ExportedEvent[]>`
    SELECT t.id, t.author_id AS "authorId", u.display_name AS "authorName", t.hidden, t.label,
           json_strip_nulls(json_build_object('start', to_char(t.start_date, 'YYYY-MM-DD'), 'end', to_char(t.end_date, 'YYYY-MM-DD'), 'precision', t.precision)) AS when,
           cc.title AS lane, t.created_at AS "createdAt", t.target, t.source AS "documentId", d.title, t.block, t.quote
    FROM timeline_events t
    JOIN users u ON u.id = t.author_id
    JOIN documents d ON d.id = t.source
    LEFT JOIN course_cases cc ON cc.id = t.case_id
    WHERE t.course_id = ${scope.courseId} AND NOT t.deleted AND ${ownOrAll(scope, sql`t.author_id`)}
      AND ${onSources(scope, sql`t.source`)}
    ORDER BY t.start_date, t.created_at, t.author_id, t.id`.cursor(PAGE);
}

/** The board's threads, each followed by its replies (none for one source: the board is the course's). */
export function exportedPosts(scope: ExportScope): AsyncIterable<ExportedPost[]> {
  return sql<ExportedPost[]>`
    SELECT p.id, p.author_id AS "authorId", u.display_name AS "authorName", p.hidden, p.kind, p.title, p.body, p.created_at AS "createdAt",
           CASE WHEN p.kind = 'reply' THEN p.thread_author_id || ':' || p.thread_id END AS thread,
           CASE WHEN p.kind = 'reply' THEN coalesce(p.parent_author_id || ':' || p.parent_id, p.thread_author_id || ':' || p.thread_id) END AS parent
    FROM board_posts p
    JOIN users u ON u.id = p.author_id
    LEFT JOIN board_posts t ON p.kind = 'reply' AND t.room = p.room AND t.author_id = p.thread_author_id AND t.id = p.thread_id
    WHERE p.course_id = ${scope.courseId} AND NOT p.deleted AND ${scope.documentIds === null} AND ${ownOrAll(scope, sql`p.author_id`)}
    ORDER BY coalesce(t.created_at, p.created_at), coalesce(t.author_id, p.author_id), coalesce(t.id, p.id), p.kind = 'reply', p.created_at`.cursor(PAGE);
}
