/**
 * The class's comparison matrix as a file: CSV (a row per entry) or Markdown (a section per theme, a
 * list per case, each claim with its citations). Read from the projection, with the reader's rule for
 * hidden entries: shown to their author and to instructors only.
 */
import { textCell, toCsv } from '~/lib/csv';
import type { CourseCase } from '~/lib/cases';
import { matrixEntries, matrixRows, type MatrixEntryRecord, type MatrixRowRecord } from '../../../db/queries/matrix';

export interface MatrixExport {
  rows: MatrixRowRecord[];
  entries: MatrixEntryRecord[];
}

export async function loadMatrixExport(courseId: string, viewer: { id: string; isInstructor: boolean }): Promise<MatrixExport> {
  const [rows, entries] = await Promise.all([matrixRows(courseId), matrixEntries(courseId)]);
  return { rows, entries: entries.filter((e) => !e.hidden || viewer.isInstructor || e.authorId === viewer.id) };
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const citation = (title: string, block: number) => `${title} ¶ ${block}`;

function inOrder({ rows, entries }: MatrixExport, cases: CourseCase[]) {
  return rows.flatMap((row) => cases.map((c) => ({ row, case: c, entries: entries.filter((e) => e.rowId === row.id && e.caseId === c.id) })));
}

export function matrixCsv(matrix: MatrixExport, cases: CourseCase[]): string {
  const records = inOrder(matrix, cases).flatMap((cell) =>
    cell.entries.map((e) => [
      textCell(cell.row.title),
      textCell(cell.case.title),
      textCell(e.claim),
      textCell(citation(e.titleA, e.blockA)),
      textCell(e.quoteA),
      e.titleB && e.blockB ? textCell(citation(e.titleB, e.blockB)) : '',
      textCell(e.quoteB ?? ''),
      e.kind,
      textCell(e.authorName),
      e.createdAt.toISOString(),
      e.hidden ? 'hidden' : '',
    ]),
  );
  return toCsv(['Theme', 'Case', 'Claim', 'Cited passage', 'Quote', 'Second passage', 'Second quote', 'Evidence', 'Author', 'Added', 'Hidden'], records);
}

export function matrixMarkdown(courseTitle: string, matrix: MatrixExport, cases: CourseCase[]): string {
  const lines = [`# Comparison matrix: ${oneLine(courseTitle)}`, ''];
  if (matrix.rows.length === 0) lines.push('The matrix has no rows yet.', '');
  for (const row of matrix.rows) {
    lines.push(`## ${oneLine(row.title)}`, '');
    if (row.prompt) lines.push(`*${oneLine(row.prompt)}*`, '');
    for (const c of cases) {
      lines.push(`### ${oneLine(c.title)}`, '');
      const entries = matrix.entries.filter((e) => e.rowId === row.id && e.caseId === c.id);
      if (entries.length === 0) lines.push('No evidence yet.');
      for (const e of entries) {
        const cited = [`“${oneLine(e.quoteA)}” (${citation(e.titleA, e.blockA)})`];
        if (e.titleB && e.blockB && e.quoteB) cited.push(`“${oneLine(e.quoteB)}” (${citation(e.titleB, e.blockB)})`);
        lines.push(`- **${oneLine(e.claim)}** ${cited.join('; ')}. ${e.authorName}${e.hidden ? ' (hidden)' : ''}`);
      }
      lines.push('');
    }
  }
  return lines.join('\n');
}
