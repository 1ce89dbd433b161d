/**
 * An export as Markdown study notes: by source and ¶, each passage quoted once with its citation, its
 * notes below it and their replies indented; then the evidence links with both ends, the matrix by row, the
 * timeline by date and the board's threads with their replies. Stateful, since the
 * rows arrive a page at a time: a heading is written when the source or the ¶ changes.
 */
import { formatEventDate } from '~/lib/compare/event-dates';
import type { ExportedEvent, ExportedLink, ExportedMatrixEntry, ExportedNote, ExportedPost } from '../../../db/queries/export';

const quoted = (text: string) => text.split('\n').map((line) => `> ${line}`).join('\n');
const indented = (text: string, by: string) => text.split('\n').map((line, i) => (i === 0 ? line : `${by}${line}`)).join('\n');
const day = (d: Date) => d.toISOString().slice(0, 10);
const status = (v: { visibility: string; hidden: boolean }) => [v.visibility !== 'class' ? v.visibility : '', v.hidden ? 'hidden' : ''].filter(Boolean).join(', ');

export function markdownWriter(title: string) {
  let source: string | null = null;
  let passage: string | null = null;
  const begun = new Set<string>();
  /** A section's heading, the first time it has something. */
  const section = (name: string, count: number) => {
    if (count === 0 || begun.has(name)) return '';
    begun.add(name);
    return `\n## ${name}\n\n`;
  };
  let row: string | null = null;
  return {
    start: () => `# ${title}\n\nExported from Plenum on ${day(new Date())}.\n`,
    end: () => '',
    notes(notes: readonly ExportedNote[]): string {
      let out = '';
      for (const n of notes) {
        if (n.documentId !== source) {
          source = n.documentId;
          passage = null;
          out += `\n## ${n.title}\n`;
        }
        const here = n.quote === null ? 'whole' : `${n.block}:${n.selectors?.position.start}:${n.quote}`;
        if (here !== passage) {
          passage = here;
          out += n.quote === null ? '\n### On the whole source\n\n' : `\n### ¶ ${n.block ?? '?'}\n\n${quoted(n.quote)}\n>\n> — ${n.title}, ¶ ${n.block ?? '?'}\n\n`;
        }
        const meta = [day(n.createdAt), status(n), n.tags.map((t) => `#${t}`).join(' ')].filter(Boolean).join(' · ');
        out += n.kind === 'reply' ? `  - **${n.authorName}** (${meta}): ${indented(n.body, '    ')}\n` : `- **${n.authorName}** (${meta}): ${indented(n.body, '  ')}\n`;
      }
      return out;
    },
    links(links: readonly ExportedLink[]): string {
      let out = section('Evidence links', links.length);
      for (const l of links) {
        const meta = [day(l.createdAt), status(l)].filter(Boolean).join(' · ');
        out += `- **${l.authorName}** (${meta}): ${l.a.title}, ¶ ${l.a.block} “${l.a.quote}” *${l.relation}* ${l.b.title}, ¶ ${l.b.block} “${l.b.quote}”${l.comment ? `\n  ${indented(l.comment, '  ')}` : ''}\n`;
      }
      return out;
    },
    matrix(entries: readonly ExportedMatrixEntry[]): string {
      let out = section('Comparison matrix', entries.length);
      for (const e of entries) {
        if (e.rowTitle !== row) {
          row = e.rowTitle;
          out += `### ${e.rowTitle}\n\n`;
        }
        const cited = [e.a, ...(e.b ? [e.b] : [])].map((end) => `${end.title}, ¶ ${end.block} “${end.quote}”`).join('; ');
        out += `- **${e.caseTitle}** · ${indented(e.claim, '  ')} (${e.authorName}${e.hidden ? ', hidden' : ''}) — ${cited}\n`;
      }
      return out;
    },
    events(events: readonly ExportedEvent[]): string {
      let out = section('Timeline', events.length);
      for (const t of events) {
        out += `- **${formatEventDate(t.when)}** ${t.label} (${t.lane ?? 'context'}; ${t.authorName}${t.hidden ? ', hidden' : ''}) — ${t.title}, ¶ ${t.block} “${t.quote}”\n`;
      }
      return out;
    },
    posts(posts: readonly ExportedPost[]): string {
      let out = section('Board', posts.length);
      for (const p of posts) {
        const meta = [day(p.createdAt), p.hidden ? 'hidden' : ''].filter(Boolean).join(' · ');
        out += p.kind === 'thread' ? `\n### ${p.title}\n\n**${p.authorName}** (${meta}): ${p.body}\n\n` : `- **${p.authorName}** (${meta}): ${indented(p.body, '  ')}\n`;
      }
      return out;
    },
  };
}
