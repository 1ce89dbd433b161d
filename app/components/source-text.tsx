import { useMemo } from 'react';
import { sourceTextHtml, type SourceBlock } from '~/lib/source-html';

/** A source's text as numbered blocks (lib/source-html.ts): the same markup on the server and in the browser. */
export function SourceText({ text, blocks }: { text: string; blocks: SourceBlock[] }) {
  const html = useMemo(() => sourceTextHtml(text, blocks), [text, blocks]);
  return <article className="source-text" dangerouslySetInnerHTML={{ __html: html }} />;
}
