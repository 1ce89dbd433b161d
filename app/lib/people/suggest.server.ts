/**
 * Spellings of a person the sources hold that nobody has listed yet (docs/people.md): OCR misreadings
 * ("Halenkov", "Valen-kov", "Porvukhln") and other romanisations ("Choi Chang-ik"), each with where it
 * occurs, for a member to confirm or reject. Found by edit distance (PostgreSQL's fuzzystrmatch), which
 * models an OCR's one- and two-letter misreadings better than trigram similarity does.
 */
import { paragraphsWith, wordsNear, withinEdits, type Person } from '../../../db/queries/people';
import { wordsOf } from '~/lib/search/normalise';
import { findSpellings } from './spellings';

export interface Suggestion {
  norm: string;
  /** As the source writes it (the first place). */
  written: string;
  uses: number;
  places: { documentId: string; title: string; block: number }[];
}

/** How many letters may differ: none in a short name (too many short words are other words), one up to seven letters, then two. */
function editsFor(norm: string): number {
  const letters = norm.replace(/ /g, '').length;
  return letters < 5 ? 0 : letters < 8 ? 1 : 2;
}

const MAX_SUGGESTIONS = 12;

/** `known`: every spelling of every person in the course, and the ones rejected for this person. */
export async function suggestSpellings(courseId: string, person: Person, known: ReadonlySet<string>): Promise<Suggestion[]> {
  const found = new Map<string, number>();
  const add = (norm: string, uses: number) => {
    // (Found near several of their spellings, it is still one word.)
    if (!known.has(norm)) found.set(norm, Math.max(found.get(norm) ?? 0, uses));
  };
  for (const { norm } of person.spellings) {
    const edits = editsFor(norm);
    if (edits === 0) continue;
    if (!norm.includes(' ')) {
      const { near } = await wordsNear(courseId, norm, edits);
      for (const w of near) add(w.norm, w.uses);
    } else {
      const runs = await windowsAround(courseId, norm);
      for (const candidate of await withinEdits(norm, [...runs.keys()], edits)) add(candidate, runs.get(candidate)!);
    }
  }
  const best = [...found].sort((a, b) => b[1] - a[1]).slice(0, MAX_SUGGESTIONS);
  return Promise.all(
    best.map(async ([norm, uses]) => {
      const paragraphs = await paragraphsWith(courseId, [norm], 5);
      const first = paragraphs[0];
      const at = first ? findSpellings(first.text, [norm])[0] : undefined;
      return {
        norm,
        written: first && at ? first.text.slice(at.start, at.end) : norm,
        uses,
        places: paragraphs.map(({ documentId, title, block }) => ({ documentId, title, block })),
      };
    }),
  );
}

/**
 * A name of several words as the sources write it with one word different ("Choi Chang-ik" for "Choe
 * Chang-ik"): the runs of as many words around each place where two of its neighbouring words occur.
 */
async function windowsAround(courseId: string, norm: string): Promise<Map<string, number>> {
  const words = norm.split(' ');
  const pairs = words.slice(1).map((w, i) => `${words[i]} ${w}`);
  const runs = new Map<string, number>();
  for (const { text } of await paragraphsWith(courseId, pairs, 200)) {
    const inText = wordsOf(text).map((w) => w.word);
    const starts = new Set<number>();
    for (let i = 0; i + 1 < inText.length; i++) {
      const j = pairs.indexOf(`${inText[i]} ${inText[i + 1]}`);
      if (j >= 0 && i - j >= 0 && i - j + words.length <= inText.length) starts.add(i - j);
    }
    for (const start of starts) {
      const run = inText.slice(start, start + words.length).join(' ');
      if (run !== norm) runs.set(run, (runs.get(run) ?? 0) + 1);
    }
  }
  return runs;
}
