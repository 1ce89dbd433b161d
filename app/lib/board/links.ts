/** Links into the board: a new thread about something in the course (a passage, a note). */

/** `text` on one line, at most `max` characters, with an ellipsis when cut. */
export function excerpt(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** The board, opened on a new thread that is about `link` (a path in the course), shown as `label`. */
export function newThreadAbout(courseId: string, link: string, label: string): string {
  return `/c/${courseId}/board?new=1&link=${encodeURIComponent(link)}&label=${encodeURIComponent(label)}`;
}
