/**
 * One import, on a worker thread, so that the members on the main thread pay nothing for it: the file read
 * as annotations and placed on the text (`placeImport`), then, in one transaction that holds the importer's
 * lock on the room, the room read, the notes checked against the quotas and appended as one Yjs update; after
 * the commit, the room projected from storage. Each of these took the main thread hundreds of milliseconds
 * for 10,000 notes (serialising a 4 MiB update for PostgreSQL alone 350 ms: docs/performance.md).
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { readAnnotations, type ReadAnnotations } from '~/lib/import/annotation-formats';
import type { ImportOutcome } from '~/lib/import/import-context.server';
import { importedNotes } from '~/lib/import/imported-notes.server';
import { formatBytes } from '~/lib/format';
import { parseStored } from '~/lib/branch-entries';
import { addNote, noteEntrySchema } from '~/lib/notes/model';
import { userBranch } from '~/lib/rooms/kinds';

export interface ImportJob {
  room: string;
  file: Uint8Array;
  text: string;
  version: number;
  importerId: string;
  maxAnnotations: number;
  quota: { memberBytes: number; roomBytes: number };
  now: number;
}

/** What the worker posts: that the file is read (what is left is the database's), then the outcome. */
export type WorkerMessage = { kind: 'read' } | { kind: 'done'; outcome: ImportOutcome; projectionError?: string };

type Readable = Extract<ReadAnnotations, { ok: true }>;

const bytesOf = (value: unknown) => (typeof value === 'string' ? Buffer.byteLength(value) : Buffer.byteLength(JSON.stringify(value ?? null)));

/** The file as annotations, or why it cannot be read. */
export function readImportFile(job: Pick<ImportJob, 'file' | 'maxAnnotations'>): ReadAnnotations {
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
  return readAnnotations(json, job.maxAnnotations);
}

/**
 * The read annotations placed on the text against the room's stored `chunks`: the outcome, and the Yjs
 * update that adds them to the importer's branch (null when there is nothing new).
 */
export function placeImport(job: ImportJob, read: Readable, chunks: Uint8Array[]): { outcome: ImportOutcome; update: Uint8Array | null } {
  const doc = new Y.Doc();
  for (const chunk of chunks) Y.applyUpdate(doc, chunk);
  const branch = doc.getMap(userBranch(job.importerId));
  const existing = new Map<string, 'note' | 'reply'>();
  branch.forEach((value, id) => {
    const kind = (parseStored(value) as { kind?: unknown } | undefined)?.kind;
    if (kind === 'note' || kind === 'reply') existing.set(id, kind);
  });
  const { entries, report } = importedNotes({ annotations: read.annotations, text: job.text, version: job.version, importerId: job.importerId, existing, format: read.format, now: job.now });
  for (const entry of entries) noteEntrySchema.parse(entry); // what the sync server would refuse from a client

  const outcome: ImportOutcome = { ok: true, format: read.format, report, notNotes: read.notNotes, unreadable: read.unreadable };
  if (entries.length === 0) return { outcome, update: null };
  let memberBytes = 0;
  branch.forEach((value) => (memberBytes += bytesOf(value)));
  let roomBytes = 0;
  doc.share.forEach((type) => type instanceof Y.Map && type.forEach((value) => (roomBytes += bytesOf(value))));
  const adding = entries.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0);
  if (memberBytes + adding > job.quota.memberBytes) {
    return { outcome: { ok: false, error: `These ${entries.length.toLocaleString('en')} notes take ${formatBytes(adding)}; with your notes already on this source that is over the ${formatBytes(job.quota.memberBytes)} each member may keep on one source. Import fewer at a time.` }, update: null };
  }
  if (roomBytes + adding > job.quota.roomBytes) {
    return { outcome: { ok: false, error: `These notes take ${formatBytes(adding)}, which would bring this source’s notes over their ${formatBytes(job.quota.roomBytes)} limit.` }, update: null };
  }
  const before = Y.encodeStateVector(doc);
  doc.transact(() => entries.forEach((entry) => addNote(doc, job.importerId, entry)));
  return { outcome, update: Y.encodeStateAsUpdate(doc, before) };
}

/** The whole import, on this thread's own database connections; tells the main thread when the file is read. */
async function runImport(job: ImportJob, post: (message: WorkerMessage) => void): Promise<void> {
  const read = readImportFile(job);
  post({ kind: 'read' });
  if (!read.ok) return post({ kind: 'done', outcome: read });
  // Loaded here, not above: the bench and tests use the functions above without a database.
  const [{ sql, closeSql }, { appendUpdates, readRoom }, { projectStoredRoom }] = await Promise.all([import('../../db/sql'), import('../sync/persistence'), import('../sync/rebuild')]);
  try {
    const placed = await sql.begin(async (tx) => {
      const [lock] = await tx<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${`import ${job.room} ${job.importerId}`})) AS locked`;
      if (!lock!.locked) return { outcome: { ok: false as const, error: 'You are importing into these notes already: wait for that import to finish.' }, update: null };
      const stored = await readRoom(job.room);
      const result = placeImport(job, read, stored.chunks.map((c) => c.data));
      // Last, so the room's row is locked (against live writes) only for the commit.
      if (result.outcome.ok && result.update) await appendUpdates([{ room: job.room, update: result.update, userId: job.importerId }], tx);
      return result;
    });
    let projectionError: string | undefined;
    if (placed.update) await projectStoredRoom(job.room).catch((error: Error) => (projectionError = error.message));
    post({ kind: 'done', outcome: placed.outcome, projectionError });
  } finally {
    await closeSql();
  }
}

if (parentPort && workerData) {
  const port = parentPort;
  // A failure rejects unhandled, which ends the worker: the main thread hears it as the worker's 'error'.
  void runImport(workerData as ImportJob, (message) => port.postMessage(message));
}
