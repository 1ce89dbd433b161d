/**
 * Evidence links as they live in a course's compare room (`compare:<course>`, or the author's own
 * `mylinks:<course>:<user>` for "Only me"): each a W3C Web Annotation with `motivation: "linking"`,
 * two targets (a source, its version, TextPosition + TextQuote selectors) and the relation as a
 * `classifying` body beside the `commenting` one, so that an export is a serialisation, not a
 * translation. Stored like notes: one JSON string per entry under the author's root map `u:<userId>`,
 * hide flags under `mod` (docs/compare.md).
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { describePassage } from '~/lib/anchoring/selectors';
import { entryCache, isKind, parseStored, readBranchEntries } from '~/lib/branch-entries';
import { UUID_PATTERN } from '~/lib/rooms/ids';
import { entryKey, MOD_BRANCH, userBranch } from '~/lib/rooms/kinds';

export const LINK_LIMITS = { comment: 20_000, relation: 40, quote: 10_000 } as const;

/** What a FragmentSelector's value follows: a URL fragment (the reader's `#b14`). */
export const FRAGMENT_SPEC = 'http://tools.ietf.org/rfc/rfc3986' as const;

/** The ¶ a link's end was in when it was made, if it says (its FragmentSelector). */
export function linkedBlock(end: LinkEnd): number | null {
  const fragment = end.selector[2];
  return fragment ? Number(fragment.value.slice(1)) : null;
}

/** The relations a new course offers; its instructors edit the list (course settings). */
export const DEFAULT_RELATIONS = ['parallels', 'contrasts with', 'responds to', 'contradicts', 'context for'] as const;

export const linkEndSchema = z.object({
  /** The source (a document id). */
  source: z.string().regex(new RegExp(`^${UUID_PATTERN}$`)),
  /** The version of the source the selectors were made on. */
  version: z.number().int().min(1),
  selector: z
    .tuple([
      z.object({ type: z.literal('TextPositionSelector'), start: z.number().int().min(0), end: z.number().int().min(0) }),
      z.object({ type: z.literal('TextQuoteSelector'), exact: z.string().min(1).max(LINK_LIMITS.quote), prefix: z.string().max(100), suffix: z.string().max(100) }),
    ])
    // The ¶ the passage was in when linked (`b14`, the reader's fragment): for labels where that
    // source's paragraphs are not at hand. The position and quote are what anchor it.
    .rest(z.object({ type: z.literal('FragmentSelector'), conformsTo: z.literal(FRAGMENT_SPEC), value: z.string().regex(/^b\d{1,6}$/) }))
    .refine((s) => s.length <= 3, 'at most one FragmentSelector'),
});
export type LinkEnd = z.infer<typeof linkEndSchema>;

/** What a link entry must look like; anything else is refused by the sync server and ignored by readers. */
export const linkEntrySchema = z.object({
  type: z.literal('Annotation'),
  id: z.string().min(1).max(64),
  motivation: z.literal('linking'),
  body: z.tuple([
    z.object({ type: z.literal('TextualBody'), purpose: z.literal('classifying'), value: z.string().trim().min(1).max(LINK_LIMITS.relation) }),
    z.object({ type: z.literal('TextualBody'), purpose: z.literal('commenting'), format: z.literal('text/markdown'), value: z.string().max(LINK_LIMITS.comment) }),
  ]),
  target: z.tuple([linkEndSchema, linkEndSchema]),
  created: z.number(),
  modified: z.number(),
  deleted: z.boolean(),
});
export type LinkEntry = z.infer<typeof linkEntrySchema>;
export type Link = LinkEntry & { authorId: string };

/** A link as a page brings it for its first paint (links-first-paint.server.ts), before the rooms arrive. */
export interface PaintedLink {
  authorId: string;
  entry: LinkEntry;
  visibility: 'class' | 'private';
  hidden: { reason: string } | null;
  /** Each end's ¶ when projected: for pages that do not hold the far source's paragraphs. */
  blocks: [number, number];
}

/** The ¶ of each far end of links on `documentId`, keyed "<source>:<start>" (the single reader's badges). */
export function farEndBlocks(links: readonly PaintedLink[], documentId: string): Record<string, number> {
  const blocks: Record<string, number> = {};
  for (const link of links) {
    link.entry.target.forEach((end, i) => {
      if (end.source !== documentId) blocks[`${end.source}:${end.selector[0].start}`] = link.blocks[i]!;
    });
  }
  return blocks;
}

/** The parts of a link a person chooses. */
export interface LinkInput {
  id: string;
  relation: string;
  comment: string;
  ends: [LinkEnd, LinkEnd];
}

export function linkEntry(input: LinkInput, now = Date.now()): LinkEntry {
  return {
    type: 'Annotation',
    id: input.id,
    motivation: 'linking',
    body: [
      { type: 'TextualBody', purpose: 'classifying', value: input.relation },
      { type: 'TextualBody', purpose: 'commenting', format: 'text/markdown', value: input.comment },
    ],
    target: input.ends,
    created: now,
    modified: now,
    deleted: false,
  };
}

/** The end of a link (or a matrix entry's passage) on `text[passage.start, passage.end)` of a source, in ¶ `block` if known. */
export function endOfPassage(source: { id: string; version: number; text: string }, passage: { start: number; end: number }, block: number | undefined): LinkEnd {
  const d = describePassage(source.text, passage.start, passage.end);
  const fragment = block ? [{ type: 'FragmentSelector' as const, conformsTo: FRAGMENT_SPEC, value: `b${block}` }] : [];
  return { source: source.id, version: source.version, selector: [d.position, d.quote, ...fragment] };
}

/**
 * The compare view with a link's two passages in view and its discussion open: each end at its ¶
 * where known, else at its offset.
 */
export function linkThreadPath(courseId: string, link: { authorId: string; id: string; target: readonly [LinkEnd, LinkEnd] }, blocks: readonly [number | null, number | null]): string {
  const [a, b] = link.target;
  const place = (side: string, end: LinkEnd, block: number | null) => (block ? `${side}-b${block}` : `${side}-o${end.selector[0].start}`);
  const thread = encodeURIComponent(`${link.authorId}:${link.id}`);
  return `/c/${courseId}/compare?left=${a.source}&right=${b.source}&thread=${thread}#${place('left', a, blocks[0])},${place('right', b, blocks[1])}`;
}

export const relationOf = (link: LinkEntry) => link.body[0].value;
export const commentOf = (link: LinkEntry) => link.body[1].value;

const parsedLinks = entryCache<Link>();

function parseLink(json: unknown, id: string, authorId: string): Link | null {
  if (!isKind(json, 'motivation', 'linking')) return null;
  const parsed = linkEntrySchema.safeParse(json);
  return parsed.success && parsed.data.id === id ? { ...parsed.data, authorId } : null;
}

/**
 * An instructor's re-attaching of one end of someone's class link whose passage a new version dropped
 * (docs/versions.md), under `mod` as `anchor:<author>:<id>:<end>` (the author's branch is theirs alone): the
 * end's new passage, on the same source. The author's later change of the link wins.
 */
export const linkEndOverrideSchema = z.object({ end: linkEndSchema, by: z.string(), at: z.number() });
export type LinkEndOverride = z.infer<typeof linkEndOverrideSchema>;
const LINK_END_KEY = /^anchor:(.+):([01])$/;

function readLinkEndOverrides(doc: Y.Doc): Map<string, LinkEndOverride> {
  const overrides = new Map<string, LinkEndOverride>();
  doc.getMap(MOD_BRANCH).forEach((value, key) => {
    if (!LINK_END_KEY.test(key)) return;
    const parsed = linkEndOverrideSchema.safeParse(value);
    if (parsed.success) overrides.set(key, parsed.data);
  });
  return overrides;
}

const placedLinks = new WeakMap<Link, { overrides: string; link: Link }>();

/** Every well-formed link in a room's document (an unchanged link stays the same object), with instructors' re-attached ends. */
export function readLinks(doc: Y.Doc): Link[] {
  const links = readBranchEntries(doc, parsedLinks, parseLink);
  const overrides = readLinkEndOverrides(doc);
  if (overrides.size === 0) return links;
  return links.map((link) => {
    const ends = ([0, 1] as const).map((i) => {
      const o = overrides.get(`anchor:${entryKey(link.authorId, link.id)}:${i}`);
      return o && o.at > link.modified && o.end.source === link.target[i].source ? o : null;
    });
    if (!ends[0] && !ends[1]) return link;
    const signature = JSON.stringify(ends);
    const cached = placedLinks.get(link);
    if (cached?.overrides === signature) return cached.link;
    const placed: Link = { ...link, target: [ends[0]?.end ?? link.target[0], ends[1]?.end ?? link.target[1]] };
    placedLinks.set(link, { overrides: signature, link: placed });
    return placed;
  });
}

/** An instructor re-attaches one end of someone's class link to a passage of the same source. */
export function setLinkEndOverride(doc: Y.Doc, input: { authorId: string; linkId: string; index: 0 | 1; end: LinkEnd; by: string }) {
  doc.getMap(MOD_BRANCH).set(`anchor:${entryKey(input.authorId, input.linkId)}:${input.index}`, { end: input.end, by: input.by, at: Date.now() });
}

/** Whether a `mod` key is a re-attached link end (room-rules.ts validates it as one). */
export const isLinkEndKey = (key: string) => LINK_END_KEY.test(key);

export function addLink(doc: Y.Doc, authorId: string, entry: LinkEntry) {
  doc.getMap(userBranch(authorId)).set(entry.id, JSON.stringify(entry));
}

function ownLink(doc: Y.Doc, authorId: string, id: string): LinkEntry | null {
  const link = parseLink(parseStored(doc.getMap(userBranch(authorId)).get(id)), id, authorId);
  if (!link) return null;
  const { authorId: _author, ...entry } = link;
  return entry;
}

/** Edits one's own link: its relation and comment (its ends stay: a different pair is a different link). */
export function updateLink(doc: Y.Doc, authorId: string, id: string, change: { relation?: string; comment?: string }) {
  const entry = ownLink(doc, authorId, id);
  if (!entry) return;
  const body: LinkEntry['body'] = [
    { ...entry.body[0], value: change.relation ?? entry.body[0].value },
    { ...entry.body[1], value: change.comment ?? entry.body[1].value },
  ];
  doc.getMap(userBranch(authorId)).set(id, JSON.stringify({ ...entry, body, modified: Date.now() }));
}

/**
 * Moves one's own end of a link on a source to a new passage of it (the old one is not in a newer version):
 * the same source, so the pair, and the link, stay what they were.
 */
export function reattachLinkEnd(doc: Y.Doc, authorId: string, id: string, index: 0 | 1, end: LinkEnd) {
  const entry = ownLink(doc, authorId, id);
  if (!entry || entry.deleted || entry.target[index].source !== end.source) return;
  const target: LinkEntry['target'] = index === 0 ? [end, entry.target[1]] : [entry.target[0], end];
  doc.getMap(userBranch(authorId)).set(id, JSON.stringify({ ...entry, target, modified: Date.now() }));
}

/** Deletes one's own link (kept as a tombstone, as notes are, so its replies keep their thread). */
export function deleteLink(doc: Y.Doc, authorId: string, id: string) {
  const entry = ownLink(doc, authorId, id);
  if (entry) doc.getMap(userBranch(authorId)).set(id, JSON.stringify({ ...entry, deleted: true, body: [entry.body[0], { ...entry.body[1], value: '' }], modified: Date.now() }));
}

/** An instructor hides (or shows again) someone's link, as notes are hidden. */
export function setLinkHidden(doc: Y.Doc, input: { authorId: string; linkId: string; hidden: boolean; reason: string; by: string }) {
  doc.getMap(MOD_BRANCH).set(entryKey(input.authorId, input.linkId), { hidden: input.hidden, reason: input.reason, by: input.by, at: Date.now() });
}

export const RELATION_COUNT = { min: 2, max: 12 } as const;

/** The course's relation list as its settings form posts it, one per line: checked, or every problem at once. */
export function parseRelations(text: string): { ok: true; value: string[] } | { ok: false; error: string } {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const problems: string[] = [];
  if (lines.length < RELATION_COUNT.min) problems.push(`Give at least ${RELATION_COUNT.min} relations.`);
  if (lines.length > RELATION_COUNT.max) problems.push(`Give at most ${RELATION_COUNT.max} relations.`);
  const long = lines.filter((l) => l.length > LINK_LIMITS.relation);
  if (long.length > 0) problems.push(`A relation is at most ${LINK_LIMITS.relation} characters: ${long.map((l) => `“${l.slice(0, 20)}…”`).join(', ')}.`);
  const twice = lines.filter((l, i) => lines.indexOf(l) !== i);
  if (twice.length > 0) problems.push(`Listed twice: ${[...new Set(twice)].map((l) => `“${l}”`).join(', ')}.`);
  return problems.length > 0 ? { ok: false, error: problems.join(' ') } : { ok: true, value: lines };
}
