import { describe, expect, it } from 'vitest';
import { plainText, renderMarkdown } from '~/lib/markdown';

describe('renderMarkdown', () => {
  it('renders emphasis, links, quotes and lists', () => {
    const html = renderMarkdown('*Kim* **refused**. See [the cable](https://digitalarchive.example/doc)\n\n> a quote\n\n- one\n- two');
    expect(html).toContain('<em>Kim</em>');
    expect(html).toContain('<strong>refused</strong>');
    expect(html).toContain('<a href="https://digitalarchive.example/doc" rel="noopener noreferrer nofollow" target="_blank">the cable</a>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<li>two</li>');
  });

  it('never passes raw HTML or script links through', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)> <script>alert(2)</script> [x](javascript:alert(3)) <a href="y">z</a>');
    expect(html).not.toMatch(/<img|<script|<a href="y"|href="javascript/);
    expect(html).toContain('&lt;script&gt;');
  });

  it('gives previews plain words: no Markdown marks', () => {
    expect(plainText('The *outward* form, see [the cable](https://example.org) and `code`.\n\n> quoted\n- a list')).toBe('The outward form, see the cable and code. quoted a list');
  });

  it('leaves headings, images and tables as text', () => {
    expect(renderMarkdown('# Title')).toBe('<p># Title</p>\n');
    expect(renderMarkdown('![alt](https://x/y.png)')).not.toContain('<img');
  });
});
