/**
 * Where the class's notes fall since an assignment opened: notes per paragraph of each source, with a
 * shade 0–5 relative to the busiest paragraph. The dashboard's strips and the reader's heat view.
 */
import { notesPerBlock } from '../../../db/queries/assignments';
import { getDocumentForReader } from '../../../db/queries/documents';

export interface BlockHeat {
  number: number;
  length: number;
  notes: number;
  level: number;
  excerpt: string;
}

/** The heat of one source of the course: null if the course has no such source. */
export async function sourceHeat(input: { courseId: string; documentId: string; since: Date }) {
  const [doc, passages] = await Promise.all([getDocumentForReader(input), notesPerBlock(input)]);
  if (!doc) return null;
  const counts = doc.blocks.map((b) => passages.filter((n) => n.start < b.end && n.end > b.start).length);
  const max = Math.max(1, ...counts);
  const blocks: BlockHeat[] = doc.blocks.map((b, i) => ({
    number: b.number,
    length: b.end - b.start,
    notes: counts[i]!,
    level: counts[i] === 0 ? 0 : Math.ceil((5 * counts[i]!) / max),
    excerpt: doc.text.slice(b.start, Math.min(b.end, b.start + 140)).replace(/\s+/g, ' ').trim(),
  }));
  return { documentId: input.documentId, title: doc.document.title, blocks, total: passages.length };
}
