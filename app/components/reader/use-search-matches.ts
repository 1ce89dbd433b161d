/** A reader opened from search's results (`?mark=halenkov malenkov`) marks those words wherever they are in the text. */
import { useEffect, type RefObject } from 'react';
import { normalise, wordsOf } from '~/lib/search/normalise';
import { paintSearchMatches } from './highlights';

export function useSearchMatches(textRef: RefObject<HTMLElement>, text: string, scope: string) {
  useEffect(() => {
    const container = textRef.current;
    const asked = new URLSearchParams(window.location.search).get('mark');
    if (!container || !asked) return;
    const words = new Set(normalise(asked).split(' ').filter(Boolean).slice(0, 12));
    paintSearchMatches(container, wordsOf(text).filter((w) => words.has(w.word)), scope);
  }, [textRef, text, scope]);
}
