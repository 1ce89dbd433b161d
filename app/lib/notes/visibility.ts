/** Which room a note lives in: the class's, the author's own, or the instructors' (rooms/kinds.ts). */
export const VISIBILITIES = ['class', 'private', 'staff'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
