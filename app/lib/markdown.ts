/**
 * The Markdown that notes and threads may use: emphasis, links, quotes and lists. Raw HTML is never
 * passed through (markdown-it escapes it with `html: false`), `javascript:` links are refused by
 * markdown-it's link validation, and links open in a new tab without the opener.
 */
import MarkdownIt from 'markdown-it';

const renderer = new MarkdownIt('zero', { html: false, linkify: true, breaks: true }).enable([
  'paragraph',
  'newline',
  'escape',
  'backticks',
  'emphasis',
  'link',
  'linkify',
  'autolink',
  'blockquote',
  'list',
]);

const renderToken: NonNullable<typeof renderer.renderer.rules.link_open> = (tokens, idx, options, _env, self) =>
  self.renderToken(tokens, idx, options);
renderer.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'noopener noreferrer nofollow');
  tokens[idx]!.attrSet('target', '_blank');
  return renderToken(tokens, idx, options, env, self);
};

// Bodies rarely change and a margin shows thousands: render each distinct body once.
const cache = new Map<string, string>();
const CACHE_SIZE = 10_000;

/** Safe HTML for a note's body. */
export function renderMarkdown(source: string): string {
  let html = cache.get(source);
  if (html === undefined) {
    html = renderer.render(source);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(source, html);
  }
  return html;
}

/** A Markdown body as plain words, for previews (a notification's excerpt): `*outward*` → `outward`. */
export function plainText(source: string): string {
  const words: string[] = [];
  for (const block of renderer.parse(source, {})) {
    if (block.type !== 'inline') continue;
    for (const token of block.children ?? []) {
      if (token.type === 'text' || token.type === 'code_inline') words.push(token.content);
      else if (token.type === 'softbreak' || token.type === 'hardbreak') words.push(' ');
    }
    words.push(' ');
  }
  return words.join('').replace(/\s+/g, ' ').trim();
}
