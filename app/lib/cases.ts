/** The two cases the course compares. A source belongs to one of them, or speaks to both. */
export const CASE_KEYS = ['soviet-1957', 'dprk-1956', 'both'] as const;
export type CaseKey = (typeof CASE_KEYS)[number];

export const CASE_LABELS: Record<CaseKey, string> = {
  'soviet-1957': 'Moscow, June 1957',
  'dprk-1956': 'Pyongyang, 1956',
  both: 'Both cases',
};
