/** Copies a text to the clipboard, and says so (or, where the browser refuses, how to copy it by hand). */
import { useState } from 'react';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <>
      <button
        type="button"
        className="secondary small"
        onClick={() =>
          navigator.clipboard?.writeText(text).then(
            () => setState('copied'),
            () => setState('failed'),
          ) ?? setState('failed')
        }
      >
        {label}
      </button>
      <span role="status" className="hint">
        {state === 'copied' ? 'Copied.' : state === 'failed' ? 'This browser did not allow copying: select the text and copy it.' : ''}
      </span>
    </>
  );
}
