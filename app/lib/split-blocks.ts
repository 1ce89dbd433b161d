/**
 * Splits a source's canonical text into numbered blocks without changing it: a block is only a
 * [start, end) range of the text, so character offsets stay valid for annotations.
 */

import type { BlockKind } from '../../db/queries/documents';

export type { BlockKind };

export interface Block {
  number: number;
  kind: BlockKind;
  start: number;
  end: number;
}

interface Line {
  start: number;
  end: number;
  text: string;
}

const PAGE_NUMBER = /^-?\s*\d{1,3}\s*-?$/;
const LONE_PUNCTUATION = /^[\s\-–—*.]+$/;
const CLASSIFICATIONS = ['SECRET', 'TOP SECRET', 'CONFIDENTIAL', 'RESTRICTED', 'UNCLASSIFIED'];
const PUBLISHER_LINES = /^(\d[\d,.]*k?|views|downloads|altmetric|crossref citations to date|citations|original articles?|research articles?|metrics)$/i;
const PUBLISHER_TAIL = /rightslink|selecting permissions|^academic permissions$|^reprints (and|&) (corporate )?permissions$/i;
const NOTES_HEADING = /^(notes|endnotes|footnotes|references)$/i;
const NUMBERED_NOTE = /^\d{1,3}[.)]?\s+\S/;
const FOOTNOTE_MARK = /^(\^\{?\*+\}?|\*+)\s*\S/;
const TRAILING_FUNCTION_WORD = /\s(the|a|an|and|or|of|to|in|on|at|by|for|with)$/;
const MARKDOWN_HEADING = /^#{1,6}\s+\S/;
/** A registry or routing mark: "MFA 23 September spets N604-609", or a line trailing dashes. */
const REGISTRY_MARK = /\bN\s?\d{3,}(?:[-–]\d+)?$|^.{0,60}-{3,}$/;
const FRONT_FIELD = /^(created|date|published|source|archive|collection|call number|document id|language|pages|format|digiti[sz]ed|scanned)\s*:\s*\S/i;
/** How a sentence (or a quotation, a bracket) ends: a paragraph that ends so is not continued across a blank line. */
const SENTENCE_END = /[.!?:;…"”’)\]]$/;

function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const lineEnd = end > start && text[end - 1] === '\r' ? end - 1 : end;
    out.push({ start, end: lineEnd, text: text.slice(start, lineEnd) });
    start = end + 1;
  }
  return out;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/**
 * A classification stamp or its OCR debris: "S-E-C-R-E-T", "J-E+C+R+B+T-", "S. T. C. D. D. T.",
 * "SECRIPT", "- 7 -D-E-C-R-E-T" — short runs of single characters between separators, or a word
 * within two edits of a classification.
 */
export function isClassificationStamp(line: string): boolean {
  const text = line.trim();
  if (text.length === 0 || text.length > 28) return false;
  const separators = (text.match(/[-+.·]/g) ?? []).length;
  const letters = text.replace(/[-+.·\s]/g, '');
  if (separators >= 3 && letters.length <= 12 && separators >= letters.length / 2 - 1) return true;
  const upper = text.toUpperCase();
  if (text === upper && /^[A-Z ]{4,14}$/.test(text)) {
    return CLASSIFICATIONS.some((word) => levenshtein(upper, word) <= 2);
  }
  return CLASSIFICATIONS.includes(upper);
}

function isFurniture(line: string): boolean {
  const text = line.trim();
  return PAGE_NUMBER.test(text) || LONE_PUNCTUATION.test(text) || isClassificationStamp(text) || PUBLISHER_TAIL.test(text);
}

/** The document's title: its first line of content, short and not a sentence. */
function isTitle(line: string): boolean {
  const text = line.trim();
  return text.length <= 200 && !/[.;!?…]$/.test(text) && /^[\p{Lu}\d"“‘'#]/u.test(text);
}

function isHeading(line: string): boolean {
  const text = line.trim();
  if (MARKDOWN_HEADING.test(text)) return true;
  if (text.length > 100 || text.split(/\s+/).length > 12) return false;
  if (/[.,;:!?…\]]$/.test(text) || /^[a-z]/.test(text) || /^\W/.test(text)) return false;
  // A sentence broken across lines, not a title: an open quote or bracket, or a trailing function word.
  if ((text.match(/"/g) ?? []).length % 2 === 1 || (text.match(/\[/g) ?? []).length !== (text.match(/\]/g) ?? []).length) return false;
  return !TRAILING_FUNCTION_WORD.test(text);
}

/** Metadata of the document rather than its text, before its first paragraph: "Created: 4/27/1962", "OCR scan of …". */
function isFrontMatter(line: string): boolean {
  return line.length <= 160 && (FRONT_FIELD.test(line) || /\bOCR\b|\bscanned\b|\bscan of\b/i.test(line));
}

/** OCR debris: one run of characters that is no word ("3Et3ftBX", "tsjKva*-'-"). */
export function isOcrDebris(line: string): boolean {
  if (!/^\S{4,16}$/.test(line)) return false;
  const alternations = (line.match(/\d(?=[A-Za-z])|[A-Za-z](?=\d)/g) ?? []).length;
  return alternations >= 2 || (line.match(/[*'"`^~|\\]/g) ?? []).length >= 2;
}

const bracketBalance = (line: string) => (line.match(/\[/g) ?? []).length - (line.match(/\]/g) ?? []).length;

/** Returns the blocks of `text`, numbered from 1 in reading order. */
export function splitBlocks(text: string): Block[] {
  const all = lines(text);
  // A text with no blank lines has one paragraph per line; otherwise blank lines separate blocks
  // and the lines of a run are one block (hard-wrapped Markdown), unless they are notes or headings.
  const linePerBlock = !all.some((l, i) => i < all.length - 1 && l.text.trim() === '');
  const blocks: Block[] = [];
  let inNotes = false;
  let atTop = true;
  let beforeBody = true;
  let open: { kind: BlockKind; start: number; end: number } | null = null;
  // Set by a blank line: the open block may still continue past it (a double-spaced typescript's wrapped lines).
  let gap = false;
  // Lines still to join into the open block: the rest of a bracketed remark that runs over a few lines.
  let joinNext = 0;

  const close = () => {
    if (open) blocks.push({ number: blocks.length + 1, ...open });
    open = null;
  };
  const nonBlank = all.filter((l) => l.text.trim() !== '');
  let nth = -1;

  all.forEach((line, index) => {
    const trimmed = line.text.trim();
    // A title-like line inside a run of lines is the start of a wrapped paragraph, not a heading.
    const alone = linePerBlock || ((all[index - 1]?.text.trim() ?? '') === '' && (all[index + 1]?.text.trim() ?? '') === '');
    if (trimmed === '') {
      gap = true;
      return;
    }
    nth += 1;
    const start = line.start + (line.text.length - line.text.trimStart().length);
    const end = line.end - (line.text.length - line.text.trimEnd().length);
    const openText = open ? text.slice(open.start, open.end) : '';

    if (open && joinNext > 0) {
      joinNext -= 1;
      open.end = end;
      gap = false;
      return;
    }

    let kind: BlockKind;
    if (atTop && PUBLISHER_LINES.test(trimmed)) kind = 'furniture';
    else if (isFurniture(trimmed) || REGISTRY_MARK.test(trimmed) || isOcrDebris(trimmed)) kind = 'furniture';
    // A stamp the OCR broke over two lines: "S. T. C. D. D. T." then "STEVEN BUT".
    else if (open?.kind === 'furniture' && isClassificationStamp(openText) && /^[A-Z ]{4,14}$/.test(trimmed)) kind = 'furniture';
    else if (beforeBody && !linePerBlock && isFrontMatter(trimmed)) kind = 'front';
    else if (inNotes && NUMBERED_NOTE.test(trimmed)) kind = 'note';
    else if (FOOTNOTE_MARK.test(trimmed)) kind = 'note';
    else if (MARKDOWN_HEADING.test(trimmed)) kind = 'heading';
    else if (alone && (atTop ? isTitle(trimmed) : isHeading(trimmed))) kind = 'heading';
    else kind = 'paragraph';

    // Across a blank line, a paragraph goes on where its last line broke off mid-sentence ("The first copy and
    // the" / "attachment were received"), and a line that is only a bracketed remark belongs to it.
    const continuesAcrossGap =
      gap &&
      !linePerBlock &&
      open?.kind === 'paragraph' &&
      ((kind === 'paragraph' && !SENTENCE_END.test(openText) && (/^\p{Ll}/u.test(trimmed) || TRAILING_FUNCTION_WORD.test(openText))) ||
        (kind === 'paragraph' && /^\[[^\]]*\]$/.test(trimmed)));
    const continues = continuesAcrossGap || (!gap && open !== null && !linePerBlock && kind === 'paragraph' && open.kind === 'paragraph');
    if (kind !== 'furniture') atTop = false;
    if (kind === 'paragraph') beforeBody = false;
    if (kind === 'heading') inNotes = NOTES_HEADING.test(trimmed.replace(/^#+\s*/, ''));
    if (continues) {
      open!.end = end;
    } else {
      close();
      open = { kind, start, end };
      // A bracketed remark opened here and closed within the next few short lines ("[handwritten:" / "Top
      // Secret" / "Priority]") is one block, whatever those lines look like on their own.
      if (bracketBalance(trimmed) > 0) {
        let balance = bracketBalance(trimmed);
        for (let k = 1; k <= 3 && nth + k < nonBlank.length; k++) {
          const next = nonBlank[nth + k]!.text.trim();
          if (next.length > 80) break;
          balance += bracketBalance(next);
          if (balance <= 0) {
            joinNext = k;
            open.kind = 'paragraph';
            break;
          }
        }
      }
    }
    gap = false;
  });
  close();
  return blocks;
}
