/**
 * Every passage that mentions a person, side by side by case (a column per case, and one for sources of
 * every case), each with its excerpt, the spelling marked, and the notes on it the member may see.
 */
import { Link } from '@remix-run/react';
import type { CourseCase } from '~/lib/cases';
import type { Excerpt } from '~/lib/search/excerpt';

export interface MentionView {
  documentId: string;
  title: string;
  caseId: string | null;
  block: number;
  href: string;
  excerpt: Excerpt;
  notes: { key: string; authorName: string; body: string; href: string }[];
}

const NOTE_PREVIEW = 160;

export function MentionColumns({ cases, mentions }: { cases: readonly CourseCase[]; mentions: readonly MentionView[] }) {
  const columns = [...cases.map((c) => ({ id: c.id as string | null, title: c.title, colour: c.colour as string | null })), { id: null, title: cases.length === 2 ? 'Both cases' : 'Every case', colour: null }]
    .map((column) => ({ ...column, mentions: mentions.filter((m) => m.caseId === column.id) }))
    .filter((column) => column.mentions.length > 0 || column.id !== null);
  return (
    <section aria-labelledby="mentions">
      <h2 id="mentions">
        Passages <span className="meta">({mentions.length === 0 ? 'none' : mentions.length})</span>
      </h2>
      {mentions.length === 0 ? <p className="empty">No source of the course mentions them in any of these spellings. Add the spelling the sources use.</p> : null}
      <div className="mention-columns" style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(0, 1fr))` }}>
        {columns.map((column) => (
          <section key={column.id ?? 'all'} className="mention-column" aria-label={column.title} style={column.colour ? { borderTopColor: column.colour } : undefined}>
            <h3>
              {column.title} <span className="meta">({column.mentions.length})</span>
            </h3>
            {column.mentions.length === 0 ? <p className="empty">None in this case’s sources.</p> : null}
            <ol className="mentions">
              {column.mentions.map((m) => (
                <li key={`${m.documentId}:${m.block}`}>
                  <Link to={m.href} className="hit-title">
                    {m.title} ¶ {m.block}
                  </Link>
                  {m.excerpt.spellings.length > 0 ? <span className="meta"> · spelled {m.excerpt.spellings.map((s) => `“${s}”`).join(', ')}</span> : null}
                  <p className="excerpt">{m.excerpt.segments.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</p>
                  {m.notes.length > 0 ? (
                    <ul className="mention-notes" aria-label={`Notes on ${m.title} ¶ ${m.block}`}>
                      {m.notes.map((n) => (
                        <li key={n.key}>
                          <Link to={n.href}>{n.authorName}</Link>:{' '}
                          {n.body.length > NOTE_PREVIEW ? `${n.body.slice(0, NOTE_PREVIEW).trimEnd()}…` : n.body}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </div>
    </section>
  );
}
