/**
 * Annotations made elsewhere, read into one shape: W3C Web Annotation JSON-LD (one annotation, a list, an
 * AnnotationPage, an AnnotationCollection with embedded pages, or a flat `@graph` such as Plenum's own export;
 * Hypothesis's API answers the same shape at `/api/annotations/:id.jsonld`) and Hypothesis's JSON (its client's
 * export `{ annotations: [...] }`, an API search `{ rows: [...] }`, one annotation or a list of them).
 * Only notes and replies on a text are read: links, matrix entries and events are counted and left.
 */
import { z } from 'zod';

export interface ImportedAnnotation {
  /** The annotation's own id in the file (an IRI, or Hypothesis's id), if it has one. */
  originalId: string | null;
  /** For a reply: the original id of the annotation it answers. */
  replyTo: string | null;
  /** The passage, if the annotation is on one (a page note has none). */
  quote: { exact: string; prefix: string; suffix: string } | null;
  position: { start: number; end: number } | null;
  body: string;
  tags: string[];
  author: string;
  createdAt: number | null;
}

export type ReadAnnotations =
  | { ok: true; format: 'W3C Web Annotation' | 'Hypothesis'; annotations: ImportedAnnotation[]; notNotes: number; unreadable: number }
  | { ok: false; error: string };

const quoteSelector = z.object({ type: z.literal('TextQuoteSelector'), exact: z.string().min(1), prefix: z.string().optional(), suffix: z.string().optional() });
const positionSelector = z.object({ type: z.literal('TextPositionSelector'), start: z.number().int().min(0), end: z.number().int().min(0) });
const oneOrMany = <T extends z.ZodTypeAny>(item: T) => z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]));

/** The quote and position among a target's selectors (other selector types are ignored). */
function passageOf(selectors: unknown[]): Pick<ImportedAnnotation, 'quote' | 'position'> {
  let quote: ImportedAnnotation['quote'] = null;
  let position: ImportedAnnotation['position'] = null;
  for (const s of selectors) {
    const q = quoteSelector.safeParse(s);
    if (q.success && !quote) quote = { exact: q.data.exact, prefix: q.data.prefix ?? '', suffix: q.data.suffix ?? '' };
    const p = positionSelector.safeParse(s);
    if (p.success && !position && p.data.end > p.data.start) position = { start: p.data.start, end: p.data.end };
  }
  return { quote, position };
}

const toTime = (value: string | undefined) => {
  const time = value ? Date.parse(value) : NaN;
  return Number.isFinite(time) ? time : null;
};

/** "acct:ana@hypothes.is" → "ana"; anything else as it is. */
const accountName = (acct: string) => acct.match(/^acct:([^@]+)@/)?.[1] ?? acct;

// ---- W3C Web Annotation -------------------------------------------------------------------------------

const w3cBody = z.union([
  z.string(),
  z.object({ type: z.string().optional(), value: z.string().optional(), purpose: z.string().optional() }).passthrough(),
]);
const w3cTarget = z.union([
  z.string(),
  z.object({ source: z.string().optional(), selector: oneOrMany(z.unknown()).optional() }).passthrough(),
]);
const w3cAnnotation = z
  .object({
    type: z.union([z.literal('Annotation'), z.array(z.string()).refine((t) => t.includes('Annotation'))]),
    id: z.string().optional(),
    motivation: oneOrMany(z.string()).optional(),
    created: z.string().optional(),
    creator: z.union([z.string(), z.object({ name: z.string().optional(), nickname: z.string().optional(), id: z.string().optional() }).passthrough()]).optional(),
    body: oneOrMany(w3cBody).optional(),
    bodyValue: z.string().optional(),
    target: oneOrMany(w3cTarget),
  })
  .passthrough();

const NOTE_MOTIVATIONS = new Set(['commenting', 'replying', 'tagging', 'highlighting', 'questioning', 'oa:commenting', 'oa:replying']);

function fromW3c(node: z.infer<typeof w3cAnnotation>): ImportedAnnotation | 'not a note' {
  const motivations = node.motivation ?? [];
  if (motivations.length > 0 && !motivations.some((m) => NOTE_MOTIVATIONS.has(m))) return 'not a note';
  const bodies = node.body ?? [];
  const text: string[] = node.bodyValue ? [node.bodyValue] : [];
  const tags: string[] = [];
  for (const b of bodies) {
    if (typeof b === 'string') continue; // a body that is only an IRI: nothing to show
    if (b.purpose === 'tagging' && b.value) tags.push(b.value);
    else if (b.value && (b.purpose === undefined || b.purpose === 'commenting' || b.purpose === 'replying' || b.purpose === 'questioning')) text.push(b.value);
  }
  const replying = motivations.includes('replying') || motivations.includes('oa:replying');
  const [target] = node.target;
  const reply = replying && typeof target === 'string' ? target : null;
  // A link or a matrix entry cites two passages: it is not a note on one.
  if (!reply && node.target.length > 1) return 'not a note';
  const passage = target && typeof target === 'object' ? passageOf(target.selector ?? []) : { quote: null, position: null };
  const creator = node.creator;
  const author = typeof creator === 'string' ? accountName(creator) : (creator?.name ?? creator?.nickname ?? (creator?.id ? accountName(creator.id) : ''));
  return { originalId: node.id ?? null, replyTo: reply, ...passage, body: text.join('\n\n'), tags, author, createdAt: toTime(node.created) };
}

/** Every node of a JSON-LD document that may be an annotation, through graphs, collections and pages. */
function* w3cNodes(value: unknown, depth = 0): Generator<unknown> {
  if (depth > 4) return;
  if (Array.isArray(value)) {
    for (const v of value) yield* w3cNodes(v, depth + 1);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const node = value as Record<string, unknown>;
  if (Array.isArray(node['@graph'])) return yield* w3cNodes(node['@graph'], depth + 1);
  if (node.type === 'AnnotationCollection') return yield* w3cNodes(typeof node.first === 'object' ? node.first : [], depth + 1);
  if (node.type === 'AnnotationPage') return yield* w3cNodes(node.items ?? [], depth + 1);
  yield node;
}

// ---- Hypothesis -----------------------------------------------------------------------------------------

const hypothesisAnnotation = z
  .object({
    id: z.string(),
    created: z.string().optional(),
    user: z.string(),
    user_info: z.object({ display_name: z.string().nullable().optional() }).passthrough().nullable().optional(),
    text: z.string().optional(),
    tags: z.array(z.string()).optional(),
    references: z.array(z.string()).optional(),
    target: z.array(z.object({ source: z.string().optional(), selector: z.array(z.unknown()).optional() }).passthrough()).optional(),
  })
  .passthrough();

function fromHypothesis(a: z.infer<typeof hypothesisAnnotation>): ImportedAnnotation {
  const references = a.references ?? [];
  const passage = passageOf(a.target?.[0]?.selector ?? []);
  return {
    originalId: a.id,
    // Plenum's replies answer the note at the head of the thread.
    replyTo: references[0] ?? null,
    ...(references.length > 0 ? { quote: null, position: null } : passage),
    body: a.text ?? '',
    tags: a.tags ?? [],
    author: a.user_info?.display_name || accountName(a.user),
    createdAt: toTime(a.created),
  };
}

const hypothesisList = (value: unknown): unknown[] | null => {
  if (Array.isArray(value)) return value.length > 0 && value.every((v) => v && typeof v === 'object' && 'user' in v && !('@context' in v)) ? value : null;
  if (!value || typeof value !== 'object') return null;
  const o = value as Record<string, unknown>;
  if (Array.isArray(o.annotations)) return o.annotations; // the client's export
  if (Array.isArray(o.rows)) return o.rows; // an API search
  if (typeof o.user === 'string' && typeof o.id === 'string' && !('@context' in o)) return [o];
  return null;
};

/** Reads parsed JSON as annotations, or says why it cannot. `max` bounds how many are read. */
export function readAnnotations(json: unknown, max: number): ReadAnnotations {
  const hypothesis = hypothesisList(json);
  // (Anything in a JSON-LD file that is neither typed nor targeted is not meant as an annotation.)
  const nodes = hypothesis ?? [...w3cNodes(json)].filter((n) => n && typeof n === 'object' && ('type' in n || 'target' in n));
  if (nodes.length > max) return { ok: false, error: `The file holds ${nodes.length.toLocaleString('en')} annotations; at most ${max.toLocaleString('en')} can be imported at once. Split it and import the parts.` };
  const annotations: ImportedAnnotation[] = [];
  let notNotes = 0;
  let unreadable = 0;
  for (const node of nodes) {
    if (hypothesis) {
      const parsed = hypothesisAnnotation.safeParse(node);
      if (parsed.success) annotations.push(fromHypothesis(parsed.data));
      else unreadable += 1;
      continue;
    }
    const parsed = w3cAnnotation.safeParse(node);
    if (!parsed.success) {
      unreadable += 1;
      continue;
    }
    const read = fromW3c(parsed.data);
    if (read === 'not a note') notNotes += 1;
    else annotations.push(read);
  }
  if (annotations.length === 0 && notNotes === 0) {
    return {
      ok: false,
      error:
        nodes.length === 0
          ? 'No annotations were found in the file. Plenum imports W3C Web Annotations (JSON-LD) and Hypothesis exports (JSON).'
          : `None of the file’s ${nodes.length.toLocaleString('en')} items is an annotation Plenum can read: it expects W3C Web Annotations (JSON-LD) or Hypothesis’s JSON.`,
    };
  }
  return { ok: true, format: hypothesis ? 'Hypothesis' : 'W3C Web Annotation', annotations, notNotes, unreadable };
}
