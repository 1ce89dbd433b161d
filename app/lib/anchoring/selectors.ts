/** W3C Web Annotation selectors for a passage of a source's canonical text. */

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface PassageSelectors {
  position: TextPositionSelector;
  quote: TextQuoteSelector;
}

/** Characters of context kept on each side of a quote. */
export const CONTEXT_LENGTH = 32;

/** Describes `text[start, end)` with both selectors. */
export function describePassage(text: string, start: number, end: number): PassageSelectors {
  return {
    position: { type: 'TextPositionSelector', start, end },
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: text.slice(end, end + CONTEXT_LENGTH),
    },
  };
}
