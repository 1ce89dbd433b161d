/** A passage's change word by word (block-diff.ts: wordDiff), or, when it differs throughout, before then after. */
import type { WordPart } from '~/lib/sources/block-diff';

export function WordChanges(props: { before: string; after: string; words: readonly WordPart[] | null }) {
  return (
    <p className="change-text">
      {props.words ? (
        props.words.map((w, i) => (w.op === 'del' ? <del key={i}>{w.text}</del> : w.op === 'ins' ? <ins key={i}>{w.text}</ins> : <span key={i}>{w.text}</span>))
      ) : (
        <>
          <del>{props.before}</del> <ins>{props.after}</ins>
        </>
      )}
    </p>
  );
}
