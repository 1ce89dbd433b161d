/** CSV for spreadsheets: csv-stringify quotes; this keeps a member's text from running as a formula. */
import { stringify } from 'csv-stringify/sync';

// A spreadsheet runs a cell that starts with one of these as a formula: a student could name
// themselves "=HYPERLINK(…)". Such cells are prefixed with an apostrophe.
const formula = /^[=+\-@\t\r]/;

/** A cell of text someone typed, safe to open in a spreadsheet. */
export const textCell = (value: string) => (formula.test(value) ? `'${value}` : value);

export function toCsv(header: string[], records: (string | number)[][]): string {
  return stringify([header, ...records]);
}
