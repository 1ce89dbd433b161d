/**
 * One import's work, on a worker thread so that parsing a file of megabytes and placing thousands of quotes
 * costs the members on the main thread nothing: the file read as annotations, placed on the text, checked
 * against the member's and the room's quotas, and written as one Yjs update of the importer's branch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { readAnnotations } from '~/lib/import/annotation-formats';
import type { ImportOutcome } from '~/lib/import/import-context.server';
import { importedNotes } from '~/lib/import/imported-notes.server';
import { formatBytes } from '~/lib/format';
import { parseStored } from '~/lib/branch-entries';
import { addNote, noteEntrySchema } from '~/lib/notes/model';
import { userBranch } from '~/lib/rooms/kinds';

export interface ImportJob {
  file: Uint8Array;
  /** The room's stored chunks, in order. */
  chunks: Uint8Array[];
  text: string;
  version: number;
  importerId: string;
  maxAnnotations: number;
  quota: { memberBytes: number; roomBytes: number };
  now: number;
}

export type ImportResult = ImportOutcome;

const bytesOf = (value: unknown) => (typeof value === 'string' ? Buffer.byteLength(value) : Buffer.byteLength(JSON.stringify(value ?? null)));

export function runImport(job: ImportJob): ImportResult {
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(job.file);
  } catch {
    return { ok: false, error: 'The file is not UTF-8 text: export the annotations as JSON and try again.' };
  }
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    return { ok: false, error: `The file is not JSON (${(error as Error).message}). Plenum imports W3C Web Annotations (JSON-LD) and Hypothesis exports (JSON).` };
  }
  const read = readAnnotations(json, job.maxAnnotations);
  if (!read.ok) return read;

  const doc = new Y.Doc();
  for (const chunk of job.chunks) Y.applyUpdate(doc, chunk);
  const branch = doc.getMap(userBranch(job.importerId));
  const existing = new Map<string, 'note' | 'reply'>();
  branch.forEach((value, id) => {
    const kind = (parseStored(value) as { kind?: unknown } | undefined)?.kind;
    if (kind === 'note' || kind === 'reply') existing.set(id, kind);
  });
  const { entries, report } = importedNotes({ annotations: read.annotations, text: job.text, version: job.version, importerId: job.importerId, existing, format: read.format, now: job.now });
  for (const entry of entries) noteEntrySchema.parse(entry); // what the sync server would refuse from a client

  if (entries.length === 0) return { ok: true, format: read.format, report, notNotes: read.notNotes, unreadable: read.unreadable, update: null };
  let memberBytes = 0;
  branch.forEach((value) => (memberBytes += bytesOf(value)));
  let roomBytes = 0;
  doc.share.forEach((type) => type instanceof Y.Map && type.forEach((value) => (roomBytes += bytesOf(value))));
  const adding = entries.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0);
  if (memberBytes + adding > job.quota.memberBytes) {
    return { ok: false, error: `These ${entries.length.toLocaleString('en')} notes take ${formatBytes(adding)}; with your notes already on this source that is over the ${formatBytes(job.quota.memberBytes)} each member may keep on one source. Import fewer at a time.` };
  }
  if (roomBytes + adding > job.quota.roomBytes) {
    return { ok: false, error: `These notes take ${formatBytes(adding)}, which would bring this source’s notes over their ${formatBytes(job.quota.roomBytes)} limit.` };
  }
  const before = Y.encodeStateVector(doc);
  doc.transact(() => entries.forEach((entry) => addNote(doc, job.importerId, entry)));
  return { ok: true, format: read.format, report, notNotes: read.notNotes, unreadable: read.unreadable, update: Y.encodeStateAsUpdate(doc, before) };
}

if (parentPort && workerData) {
  const result = runImport(workerData as ImportJob);
  parentPort.postMessage(result, result.ok && result.update ? [result.update.buffer as ArrayBuffer] : []);
}
