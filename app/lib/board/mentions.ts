/**
 * `@name` mentions: "@Mira Kovač" (the whole display name) or "@Mira" (a first name only one member
 * has), matched without regard to case and ending at a word boundary.
 */
export interface Member {
  id: string;
  name: string;
  /** An instructor of the course (marked beside their name). */
  instructor?: boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The handles each member can be mentioned by, longest first (so "@Mira Kovač" wins over "@Mira"). */
export function handles(members: Member[]): { handle: string; member: Member }[] {
  const firstNames = new Map<string, number>();
  for (const m of members) {
    const first = m.name.split(/\s+/)[0]!.toLowerCase();
    firstNames.set(first, (firstNames.get(first) ?? 0) + 1);
  }
  const list: { handle: string; member: Member }[] = [];
  for (const m of members) {
    list.push({ handle: m.name, member: m });
    const first = m.name.split(/\s+/)[0]!;
    if (first !== m.name && firstNames.get(first.toLowerCase()) === 1) list.push({ handle: first, member: m });
  }
  return list.sort((a, b) => b.handle.length - a.handle.length);
}

/** The members mentioned in `text`. */
export function mentionedMembers(text: string, members: Member[]): Member[] {
  const found = new Map<string, Member>();
  for (const { handle, member } of handles(members)) {
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}_])@${escape(handle)}(?![\\p{L}\\p{N}_])`, 'iu');
    if (pattern.test(text)) found.set(member.id, member);
  }
  return [...found.values()];
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A post's rendered HTML (lib/markdown.ts) with each mention of a member marked: only in text, never
 * inside a tag or a link.
 */
export function markMentions(html: string, members: Member[]): string {
  const list = handles(members);
  if (list.length === 0) return html;
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}_])(@(?:${list.map((h) => escape(escapeHtml(h.handle))).join('|')}))(?![\\p{L}\\p{N}_])`, 'giu');
  let inLink = 0;
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (part.startsWith('<')) {
        if (/^<a[\s>]/i.test(part)) inLink += 1;
        else if (/^<\/a>/i.test(part)) inLink = Math.max(0, inLink - 1);
        return part;
      }
      return inLink > 0 ? part : part.replace(pattern, '$1<mark class="mention">$2</mark>');
    })
    .join('');
}
