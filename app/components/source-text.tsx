import { useMemo } from 'react';
import { sourceTextHtml, type SourceBlock } from '~/lib/source-html';

/** A source's text as numbered blocks (lib/source-html.ts): the same markup on the server and in the browser. */
export function SourceText({ text, blocks, scope = '' }: { text: string; blocks: SourceBlock[]; scope?: string }) {
  const html = useMemo(() => sourceTextHtml(text, blocks, scope), [text, blocks, scope]);
  return <article className="source-text" dangerouslySetInnerHTML={{ __html: html }} />;
}
